package io.streamplatform.producer;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.TopicRole;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The producer's whole configuration: every flag, with its default and the environment variable that can set it.
 * Parsed by picocli and checked once by {@link #validate()}.
 */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        version = "producer 0.1.0",
        description = {
            "Writes a run of input for a catalogue job to Kafka: records made by the job's",
            "generator (--job; valid ones mixed with malformed ones), or the lines of a",
            "file/stdin. Every record carries the header run=<id>.",
            "",
            "stdout: 'progress sent=N acked=N failed=N rate=N/s' every progress interval,",
            "then 'SUMMARY run=ID sent=N valid=N malformed=N failed=N elapsed_ms=N",
            "records_per_s=N' after the flush (and the final commit).",
            "Exit codes: 0 all acknowledged, 1 some records failed, 2 usage error or",
            "Kafka/topic unreachable. Every option can also be set by the environment",
            "variable named in its description.",
            ""
        })
public final class ProducerOptions {
    /** The Kafka client security settings of --client-config (set by the app after parsing; never printed). */
    java.util.Map<String, String> security = java.util.Map.of();

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,..]", defaultValue = "${env:BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--job", paramLabel = "NAME", defaultValue = "${env:PRODUCER_JOB:-" + Catalogue.DEFAULT_JOB + "}",
            description = "Catalogue job whose input to generate (env PRODUCER_JOB; default ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--topic", defaultValue = "${env:PRODUCER_TOPIC}",
            description = "Topic to write to; must exist (env PRODUCER_TOPIC; default: the job's input topic).")
    String topic;

    @Option(names = "--role-topic", paramLabel = "ROLE=TOPIC", split = ",", defaultValue = "${env:PRODUCER_ROLE_TOPICS}",
            description = "For a job with several inputs: the topic of another input role, e.g. videos=video-catalogue (repeatable or "
                    + "comma-separated); each generated record goes to the topic of its role, --topic being the first input's "
                    + "(env PRODUCER_ROLE_TOPICS; default: each role's default topic, see the job's --list-jobs).")
    Map<String, String> roleTopics = new LinkedHashMap<>();

    @Option(names = "--run-id", paramLabel = "ID", defaultValue = "${env:PRODUCER_RUN_ID}",
            description = "Run id put in every event and in the 'run' header (env PRODUCER_RUN_ID; default: random short id).")
    String runId;

    @Option(names = "--count", paramLabel = "N", defaultValue = "${env:PRODUCER_COUNT:-0}",
            description = "Records to send, valid and malformed together; 0 = unbounded (env PRODUCER_COUNT; default ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "${env:PRODUCER_DURATION:-0}", converter = Durations.Converter.class,
            description = "Stop after this long (e.g. 30s, 2m); 0 = unbounded. With --count, whichever comes first (env PRODUCER_DURATION; default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "${env:PRODUCER_RATE:-0}",
            description = "Records per second; 0 = as fast as possible (env PRODUCER_RATE; default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--keys", paramLabel = "K", defaultValue = "${env:PRODUCER_KEYS:-100}",
            description = "Number of distinct keys (users, services, sensors: the job says) (env PRODUCER_KEYS; default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--text-bytes", paramLabel = "B", defaultValue = "${env:PRODUCER_TEXT_BYTES:-32}",
            description = "Size of the variable part of generated records (the events job's text) (env PRODUCER_TEXT_BYTES; default ${DEFAULT-VALUE}).")
    int textBytes;

    @Option(names = "--malformed-fraction", paramLabel = "F", defaultValue = "${env:PRODUCER_MALFORMED_FRACTION:-0}",
            description = "Fraction in [0,1] of records that are malformed, spread evenly by common MalformedPlan: of N records exactly "
                    + "floor(N*F) are malformed, of kinds the job's generator chooses (env PRODUCER_MALFORMED_FRACTION; default ${DEFAULT-VALUE}).")
    double malformedFraction;

    @Option(names = "--seed", defaultValue = "${env:PRODUCER_SEED:-42}",
            description = "Seed of every random choice of the generator (env PRODUCER_SEED; default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input", paramLabel = "FILE|-",  defaultValue = "${env:PRODUCER_INPUT}",
            description = "Send each line of FILE (or stdin for '-') as-is, without key, instead of generating records (env PRODUCER_INPUT).")
    String input;

    @Option(names = "--transactional-id", paramLabel = "ID", defaultValue = "${env:PRODUCER_TRANSACTIONAL_ID}",
            description = "Use Kafka transactions with this transactional.id (env PRODUCER_TRANSACTIONAL_ID; default: none).")
    String transactionalId;

    @Option(names = "--tx-interval", paramLabel = "D", defaultValue = "${env:PRODUCER_TX_INTERVAL:-100ms}", converter = Durations.Converter.class,
            description = "With --transactional-id, commit about this often (env PRODUCER_TX_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration txInterval;

    @Option(names = "--acks", defaultValue = "${env:PRODUCER_ACKS:-all}",
            description = "acks: all, 1 or 0 (env PRODUCER_ACKS; default ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = "--idempotence", negatable = true, defaultValue = "${env:PRODUCER_IDEMPOTENCE:-true}", fallbackValue = "true",
            description = "Idempotent producer; only in effect with --acks all (env PRODUCER_IDEMPOTENCE; default ${DEFAULT-VALUE}).")
    boolean idempotence;

    @Option(names = "--compression", defaultValue = "${env:PRODUCER_COMPRESSION:-lz4}",
            description = "compression.type: none, lz4, zstd, snappy, gzip (env PRODUCER_COMPRESSION; default ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--batch-bytes", paramLabel = "B", defaultValue = "${env:PRODUCER_BATCH_BYTES:-131072}",
            description = "batch.size in bytes (env PRODUCER_BATCH_BYTES; default ${DEFAULT-VALUE}).")
    int batchBytes;

    @Option(names = "--linger", paramLabel = "D", defaultValue = "${env:PRODUCER_LINGER:-5ms}", converter = Durations.Converter.class,
            description = "linger.ms (env PRODUCER_LINGER; default ${DEFAULT-VALUE}).")
    Duration linger;

    @Option(names = "--progress-interval", paramLabel = "D", defaultValue = "${env:PRODUCER_PROGRESS_INTERVAL:-1s}", converter = Durations.Converter.class,
            description = "How often to print a progress line; 0 = never (env PRODUCER_PROGRESS_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "${env:PRODUCER_TIMEOUT:-15s}", converter = Durations.Converter.class,
            description = "How long to wait for the broker and topic before failing, and for a send to find buffer space "
                    + "(env PRODUCER_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--delivery-timeout", paramLabel = "D", defaultValue = "${env:PRODUCER_DELIVERY_TIMEOUT:-2m}", converter = Durations.Converter.class,
            description = "How long a record may take to be acknowledged, retries included, before the producer fails (delivery.timeout.ms): "
                    + "longer than a broker failover, so a lost or frozen broker delays records instead of failing them "
                    + "(env PRODUCER_DELIVERY_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration deliveryTimeout;

    /** The catalogue job named by {@code --job}, once validated. */
    JobDefinition<?> definition;

    /** Checks the values together; throws a {@link ParameterException} (usage error, exit 2) on the first bad one. */
    void validate() {
        if (bootstrap == null || bootstrap.isBlank()) fail("--bootstrap must not be empty");
        try {
            definition = Catalogue.get(job);
        } catch (Catalogue.UnknownJobException e) {
            fail(e.getMessage());
        }
        if (topic == null || topic.isBlank()) topic = definition.inputs().get(0).defaultName();
        if (roleTopics == null) roleTopics = new LinkedHashMap<>();
        List<TopicRole> others = definition.inputs().subList(1, definition.inputs().size());
        for (var e : roleTopics.entrySet()) {
            if (others.stream().noneMatch(r -> r.role().equals(e.getKey()))) {
                fail("--role-topic: the " + definition.name() + " job has no other input role '" + e.getKey() + "'"
                        + (others.isEmpty() ? "" : " (it has " + String.join(", ", others.stream().map(TopicRole::role).toList()) + ")"));
            }
            if (e.getValue().isBlank()) fail("--role-topic " + e.getKey() + "= must name a topic");
        }
        for (TopicRole r : others) roleTopics.putIfAbsent(r.role(), r.defaultName());
        if (runId == null || runId.isBlank()) runId = "r-" + UUID.randomUUID().toString().substring(0, 8);
        if (count < 0) fail("--count must be >= 0, got " + count);
        if (duration.isNegative()) fail("--duration must be >= 0");
        if (!(rate >= 0) || Double.isInfinite(rate)) fail("--rate must be >= 0, got " + rate);
        if (keys < 1) fail("--keys must be >= 1, got " + keys);
        if (textBytes < 0) fail("--text-bytes must be >= 0, got " + textBytes);
        if (!(malformedFraction >= 0 && malformedFraction <= 1)) fail("--malformed-fraction must be in [0,1], got " + malformedFraction);
        if (input != null && input.isBlank()) input = null;
        if (input != null && malformedFraction > 0) fail("--malformed-fraction cannot be combined with --input");
        if (transactionalId != null && transactionalId.isBlank()) transactionalId = null;
        if (txInterval.isNegative() || txInterval.isZero()) fail("--tx-interval must be > 0");
        if (!acks.equals("all") && !acks.equals("-1") && !acks.equals("0") && !acks.equals("1")) {
            fail("--acks must be all, -1, 0 or 1, got " + acks);
        }
        if (transactionalId != null && (!idempotence || !ackAll())) fail("--transactional-id needs --idempotence and --acks all");
        if (batchBytes < 1) fail("--batch-bytes must be >= 1");
        if (linger.isNegative()) fail("--linger must be >= 0");
        if (progressInterval.isNegative()) fail("--progress-interval must be >= 0");
        if (timeout.toMillis() < 100) fail("--timeout must be >= 100ms");
        if (deliveryTimeout.toMillis() < 1000) fail("--delivery-timeout must be >= 1s");
    }

    /** Every topic a run may write to: the first input's, then the other inputs'. */
    List<String> topics() {
        List<String> all = new java.util.ArrayList<>(List.of(topic));
        all.addAll(roleTopics.values());
        return all;
    }

    /** The topic of a generated record of input role {@code role} (null: the first input). */
    String topicOf(String role) {
        if (role == null) return topic;
        String t = roleTopics.get(role);
        if (t == null) throw new IllegalStateException("the " + definition.name() + " generator made a record for unknown input role '" + role + "'");
        return t;
    }

    /** acks=all (or -1): the only setting idempotence and transactions work with. */
    boolean ackAll() {
        return acks.equals("all") || acks.equals("-1");
    }

    private void fail(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }
}
