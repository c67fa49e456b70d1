package io.streamplatform.job;

import io.streamplatform.common.EventCodec;
import io.streamplatform.common.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything the job can be told, parsed once from its program arguments (a FlinkDeployment's
 * {@code job.args}) and validated. Options left unset fall back to the cluster's configuration
 * (parallelism, state backend, checkpoint storage), so a FlinkDeployment can own them.
 */
@Command(
        name = "pipeline-job",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Kafka → parse → normalise + per-key event-time window counts → Kafka, exactly-once by default.")
public final class JobConfig {

    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

    public enum StartingOffsets { COMMITTED, EARLIEST, LATEST }

    public enum StateBackend { HASHMAP, ROCKSDB }

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    public String bootstrap = "localhost:9092";

    @Option(names = "--input-topic", description = "Topic of raw JSON events (default: ${DEFAULT-VALUE}).")
    public String inputTopic = Topics.INPUT;

    @Option(names = "--output-topic", description = "Topic of normalised events (default: ${DEFAULT-VALUE}).")
    public String outputTopic = Topics.NORMALIZED;

    @Option(names = "--counts-topic", description = "Topic of per-key window counts (default: ${DEFAULT-VALUE}).")
    public String countsTopic = Topics.WINDOW_COUNTS;

    @Option(names = "--dlq-topic", description = "Dead-letter topic for malformed and late records (default: ${DEFAULT-VALUE}).")
    public String dlqTopic = Topics.DEAD_LETTER;

    @Option(names = "--group-id", description = "Consumer group of the source (default: ${DEFAULT-VALUE}).")
    public String groupId = "streaming-platform";

    @Option(names = "--starting-offsets", description = "COMMITTED (falls back to earliest), EARLIEST or LATEST (default: ${DEFAULT-VALUE}).",
            converter = StartingOffsetsConverter.class)
    public StartingOffsets startingOffsets = StartingOffsets.COMMITTED;

    @Option(names = "--bounded",
            description = "Stop at the input's end offsets as of the job's start; the job then finishes (benchmarks, backfills).")
    public boolean bounded;

    @Option(names = "--delivery", description = "exactly-once or at-least-once (default: exactly-once).",
            converter = DeliveryConverter.class)
    public Delivery delivery = Delivery.EXACTLY_ONCE;

    @Option(names = "--transactional-id-prefix",
            description = "Prefix of the sinks' transactional ids; must be unique per job on a Kafka cluster (default: the group id).")
    public String transactionalIdPrefix;

    @Option(names = "--transaction-timeout", description = "Kafka transaction timeout; must not exceed the broker's transaction.max.timeout.ms (default: 5m).",
            converter = DurationConverter.class)
    public Duration transactionTimeout = Duration.ofMinutes(5);

    @Option(names = "--window", description = "Tumbling event-time window size (default: 10s).", converter = DurationConverter.class)
    public Duration window = Duration.ofSeconds(10);

    @Option(names = "--out-of-orderness", description = "Bounded out-of-orderness of event time (default: 2s).", converter = DurationConverter.class)
    public Duration outOfOrderness = Duration.ofSeconds(2);

    @Option(names = "--idleness", description = "A partition without records for this long stops holding back the watermark (default: 5s).",
            converter = DurationConverter.class)
    public Duration idleness = Duration.ofSeconds(5);

    @Option(names = "--window-counts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the analytics path (per-key window counts); --no-window-counts runs only parse → normalise (default: ${DEFAULT-VALUE}).")
    public boolean windowCounts = true;

    @Option(names = "--max-record-bytes", description = "Records larger than this go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
    public int maxRecordBytes = EventCodec.DEFAULT_MAX_BYTES;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval; exactly-once output becomes visible at each checkpoint (default: 10s).",
            converter = DurationConverter.class)
    public Duration checkpointInterval = Duration.ofSeconds(10);

    @Option(names = "--checkpoint-dir", description = "Checkpoint storage URI, e.g. file:///flink-data/checkpoints (default: the cluster's state.checkpoints.dir).")
    public String checkpointDir;

    @Option(names = "--state-backend", description = "hashmap or rocksdb (default: the cluster's state.backend.type).",
            converter = StateBackendConverter.class)
    public StateBackend stateBackend;

    @Option(names = "--parallelism", description = "Job parallelism (default: the cluster's, e.g. a FlinkDeployment's spec.job.parallelism).")
    public Integer parallelism;

    @Option(names = "--producer-property", description = "Extra Kafka producer property for the sinks, key=value (repeatable).")
    public Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--consumer-property", description = "Extra Kafka consumer property for the source, key=value (repeatable).")
    public Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--job-name", description = "Flink job name (default: ${DEFAULT-VALUE}).")
    public String jobName = "streaming-platform";

    @Option(names = "--fail-once-after", hidden = true,
            description = "Testing aid: subtask 0 throws once after this many events (once per JVM and transactional-id prefix).")
    public long failOnceAfter = 0;

    /** Parses and validates; throws {@link CommandLine.ParameterException} with a readable message. */
    public static JobConfig parse(String... args) {
        JobConfig config = new JobConfig();
        CommandLine cli = new CommandLine(config);
        config.helpRequested = CommandLine.printHelpIfRequested(cli.parseArgs(args));
        config.validate(cli);
        return config;
    }

    /** True if {@code --help} or {@code --version} was given (and printed by {@link #parse}). */
    public boolean helpRequested() {
        return helpRequested;
    }

    private boolean helpRequested;

    public String transactionalIdPrefix() {
        return transactionalIdPrefix != null ? transactionalIdPrefix : groupId;
    }

    private void validate(CommandLine cli) {
        require(cli, !bootstrap.isBlank(), "--bootstrap must not be empty");
        require(cli, positive(window), "--window must be > 0");
        require(cli, !outOfOrderness.isNegative(), "--out-of-orderness must be >= 0");
        require(cli, positive(idleness), "--idleness must be > 0");
        require(cli, positive(checkpointInterval) && checkpointInterval.toMillis() >= 10, "--checkpoint-interval must be >= 10ms");
        require(cli, positive(transactionTimeout), "--transaction-timeout must be > 0");
        require(cli, transactionTimeout.compareTo(checkpointInterval) > 0, "--transaction-timeout must exceed --checkpoint-interval");
        require(cli, maxRecordBytes > 0, "--max-record-bytes must be > 0");
        require(cli, parallelism == null || parallelism > 0, "--parallelism must be > 0");
        require(cli, failOnceAfter >= 0, "--fail-once-after must be >= 0");
        var topics = new java.util.HashSet<>(java.util.List.of(inputTopic, outputTopic, countsTopic, dlqTopic));
        require(cli, topics.size() == 4, "input, output, counts and dead-letter topics must all differ");
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void require(CommandLine cli, boolean condition, String message) {
        if (!condition) throw new CommandLine.ParameterException(cli, message);
    }

    /** Durations as Flink writes them: {@code 500ms}, {@code 10s}, {@code 1 min}. Shared by the other configs. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return TimeUtils.parseDuration(value);
        }
    }

    /** Accepts the documented dashed lower-case forms (exactly-once) as well as the enum names. */
    abstract static class DashedEnumConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        DashedEnumConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                                .toList());
            }
        }
    }

    public static final class DeliveryConverter extends DashedEnumConverter<Delivery> {
        public DeliveryConverter() { super(Delivery.class); }
    }

    static final class StartingOffsetsConverter extends DashedEnumConverter<StartingOffsets> {
        StartingOffsetsConverter() { super(StartingOffsets.class); }
    }

    public static final class StateBackendConverter extends DashedEnumConverter<StateBackend> {
        public StateBackendConverter() { super(StateBackend.class); }
    }
}
