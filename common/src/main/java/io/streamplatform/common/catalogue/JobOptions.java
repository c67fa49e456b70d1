package io.streamplatform.common.catalogue;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options every catalogue job has: where Kafka is, how the source reads, delivery, checkpointing, state.
 * A job's own options class extends this one; its topics' options ({@code --<role>-topic}) are added from the
 * job's {@link TopicRole}s. Parsed and validated only by {@link JobDefinition#parse} — the one path the job's
 * {@code main}, local mode, the benchmark, the verifier and the Kubernetes renderers all use. Options left unset fall
 * back to the cluster's configuration (parallelism, state backend, checkpoint storage), so a FlinkDeployment can own them.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true, usageHelpAutoWidth = true)
public abstract class JobOptions {
    /** Options the Kubernetes renderers derive from other values rather than from a job's {@code options}. */
    public static final String BOOTSTRAP = "--bootstrap";
    public static final String PARALLELISM = "--parallelism";
    /** Largest input record the parse step accepts by default (larger ones are dead-lettered). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;

    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

    public enum StartingOffsets { COMMITTED, EARLIEST, LATEST }

    public enum StateBackend { HASHMAP, ROCKSDB }

    @Option(names = BOOTSTRAP, paramLabel = "HOST:PORT[,..]", defaultValue = "localhost:9092", description = "Kafka bootstrap servers.")
    public String bootstrap;

    @Option(names = "--group-id", paramLabel = "ID", description = "Consumer group of the source.")
    public String groupId;

    @Option(names = "--starting-offsets", paramLabel = "WHERE", defaultValue = "committed", converter = StartingOffsetsConverter.class,
            description = "committed (falls back to earliest), earliest or latest.")
    public StartingOffsets startingOffsets;

    @Option(names = "--bounded", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "Stop at the input's end offsets as of the job's start; the job then finishes (benchmarks, backfills).")
    public boolean bounded;

    // Hidden like --fail-once-after, and so kept out of the chart's values: a benchmark aid (a run over the first records of
    // a larger input), not a value of a deployment.
    @Option(names = "--bounded-offsets", hidden = true, paramLabel = "TOPIC-PARTITION=OFFSET", split = ",",
            description = "With --bounded: stop each listed partition before this offset instead of at its end offset at start.")
    public Map<String, Long> boundedOffsets = new LinkedHashMap<>();

    @Option(names = "--delivery", paramLabel = "GUARANTEE", defaultValue = "exactly-once", converter = DeliveryConverter.class,
            description = "exactly-once (Kafka transactions committed on checkpoints) or at-least-once.")
    public Delivery delivery;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "Prefix of the sinks' transactional ids; must be unique per job on a Kafka cluster (default: the group id).")
    public String transactionalIdPrefix;

    @Option(names = "--transaction-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.Converter.class,
            description = "Kafka transaction timeout; must not exceed the broker's transaction.max.timeout.ms.")
    public Duration transactionTimeout;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", defaultValue = "2s", converter = Durations.Converter.class,
            description = "How far event time may go backwards within a partition before events count as late.")
    public Duration outOfOrderness;

    @Option(names = "--idleness", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.Converter.class,
            description = "A partition without records for this long stops holding back the watermark.")
    public Duration idleness;

    @Option(names = "--max-record-bytes", paramLabel = "BYTES", defaultValue = "" + DEFAULT_MAX_RECORD_BYTES,
            description = "Input records larger than this go to the dead-letter topic.")
    public int maxRecordBytes;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Checkpoint interval; exactly-once output becomes visible at each checkpoint.")
    public Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Checkpoint storage, e.g. file:///flink-data/checkpoints (default: the cluster's state.checkpoints.dir).")
    public String checkpointDir;

    @Option(names = "--state-backend", paramLabel = "BACKEND", converter = StateBackendConverter.class,
            description = "hashmap or rocksdb (default: the cluster's state.backend.type).")
    public StateBackend stateBackend;

    @Option(names = PARALLELISM, paramLabel = "N",
            description = "Job parallelism (default: the cluster's, e.g. a FlinkDeployment's spec.job.parallelism).")
    public Integer parallelism;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", description = "Extra Kafka producer property of the sinks (repeatable).")
    public Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", description = "Extra Kafka consumer property of the source (repeatable).")
    public Map<String, String> consumerProperties = new LinkedHashMap<>();

    // Hidden from options(), which feeds the chart's values schema: on Kubernetes the file is the deployment's (a mounted
    // Secret), like --bootstrap, not a per-job value. Documented in the README.
    @Option(names = ClientConfig.OPTION, paramLabel = "FILE", defaultValue = "${env:" + ClientConfig.ENV + "}", hidden = true,
            description = "Kafka client security settings (security.protocol, ssl.*, sasl.*) of the source and sinks, a Java properties "
                    + "file like the Kafka tools' --command-config; read where the job is built (env " + ClientConfig.ENV + ").")
    public String clientConfig;

    /** The settings of {@link #clientConfig}, read by {@link #validate}; never part of the job's visible configuration. */
    private Map<String, String> clientSecurity = Map.of();

    @Option(names = "--job-name", paramLabel = "NAME", description = "Flink job name.")
    public String jobName;

    @Option(names = "--fail-once-after", hidden = true, defaultValue = "0",
            description = "Testing aid: subtask 0 throws once after this many records (once per JVM and transactional-id prefix).")
    public long failOnceAfter;

    final Map<String, String> topics = new LinkedHashMap<>();
    boolean helpRequested;

    /** The topic playing {@code role} in this run. */
    public String topic(TopicRole role) {
        String name = topics.get(role.role());
        if (name == null) throw new IllegalArgumentException("no topic role '" + role.role() + "' in this job");
        return name;
    }

    /** Every topic of the job by role. */
    public Map<String, String> topics() {
        return Collections.unmodifiableMap(topics);
    }

    /** The Kafka client security settings every client of the job gets (empty without {@code --client-config}). */
    public Map<String, String> clientSecurity() {
        return clientSecurity;
    }

    /** Where a bounded read of {@code topic} stops, by partition (before that offset); empty: at each partition's end at start. */
    public Map<Integer, Long> boundedOffsets(String topic) {
        Map<Integer, Long> byPartition = new java.util.TreeMap<>();
        boundedOffsets.forEach((tp, offset) -> {
            int dash = tp.lastIndexOf('-');
            if (tp.substring(0, dash).equals(topic)) byPartition.put(Integer.parseInt(tp.substring(dash + 1)), offset);
        });
        return byPartition;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix != null ? transactionalIdPrefix : groupId;
    }

    /** True when {@code --help} or {@code --version} was given (the options are then not validated). */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** The job's own checks, after the shared ones; report a problem with {@code problems.fail(...)}. */
    protected void validateJob(Problems problems) {}

    final void validate(Problems p) {
        p.check(!bootstrap.isBlank(), BOOTSTRAP + " must not be empty");
        p.check(!groupId.isBlank(), "--group-id must not be empty");
        p.check(transactionalIdPrefix == null || !transactionalIdPrefix.isBlank(), "--transactional-id-prefix must not be empty");
        p.check(!outOfOrderness.isNegative(), "--out-of-orderness must be >= 0");
        p.check(positive(idleness), "--idleness must be > 0");
        p.check(checkpointInterval.toMillis() >= 10, "--checkpoint-interval must be >= 10ms");
        p.check(positive(transactionTimeout), "--transaction-timeout must be > 0");
        p.check(transactionTimeout.compareTo(checkpointInterval) > 0, "--transaction-timeout must exceed --checkpoint-interval");
        p.check(maxRecordBytes > 0, "--max-record-bytes must be > 0");
        p.check(parallelism == null || parallelism > 0, PARALLELISM + " must be > 0");
        p.check(failOnceAfter >= 0, "--fail-once-after must be >= 0");
        p.check(boundedOffsets.isEmpty() || bounded, "--bounded-offsets needs --bounded");
        for (var e : boundedOffsets.entrySet()) {
            int dash = e.getKey().lastIndexOf('-');
            p.check(dash > 0 && e.getKey().substring(dash + 1).matches("[0-9]+") && e.getValue() >= 0,
                    "--bounded-offsets takes TOPIC-PARTITION=OFFSET with OFFSET >= 0, got " + e.getKey() + "=" + e.getValue());
        }
        for (var t : topics.entrySet()) p.check(!t.getValue().isBlank(), "--" + t.getKey() + "-topic must not be empty");
        p.check(new java.util.HashSet<>(topics.values()).size() == topics.size(), "the job's topics must all differ, got " + topics);
        for (var props : Map.of("--producer-property", producerProperties, "--consumer-property", consumerProperties).entrySet()) {
            for (String key : props.getValue().keySet()) {
                p.check(!ClientConfig.secret(key), props.getKey() + " " + key + ": a secret does not go on the command line; put it in "
                        + ClientConfig.OPTION + " FILE");
            }
        }
        try {
            clientSecurity = ClientConfig.load(clientConfig);
        } catch (ClientConfig.Invalid e) {
            p.check(false, e.getMessage());
        }
        validateJob(p);
    }

    protected static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** Collects the first failed check as a usage error of the job's command line. */
    public static final class Problems {
        private final CommandLine cli;

        Problems(CommandLine cli) {
            this.cli = cli;
        }

        public void check(boolean ok, String message) {
            if (!ok) throw new CommandLine.ParameterException(cli, message);
        }
    }

    /** Enums on the command line and in values files are written in lower case with dashes: {@code exactly-once}. */
    public abstract static class DashedEnumConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        protected DashedEnumConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            for (E e : type.getEnumConstants()) {
                if (dashed(e).equals(value.trim())) return e;
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(DashedEnumConverter::dashed).toList());
        }

        public static String dashed(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final class DeliveryConverter extends DashedEnumConverter<Delivery> {
        public DeliveryConverter() { super(Delivery.class); }
    }

    public static final class StartingOffsetsConverter extends DashedEnumConverter<StartingOffsets> {
        public StartingOffsetsConverter() { super(StartingOffsets.class); }
    }

    public static final class StateBackendConverter extends DashedEnumConverter<StateBackend> {
        public StateBackendConverter() { super(StateBackend.class); }
    }
}
