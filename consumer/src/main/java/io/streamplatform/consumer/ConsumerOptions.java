package io.streamplatform.consumer;

import io.streamplatform.clients.DurationConverter;
import io.streamplatform.common.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The consumer's whole configuration: every flag, with its default and the environment variable that can set it.
 * Parsed by picocli and checked once by {@link #validate()}.
 */
@Command(
        name = "consumer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        version = "consumer 0.1.0",
        description = {
            "Reads topics with isolation.level=read_committed.",
            "",
            "Print mode (default): one line per record on stdout,",
            "'<topic> <partition> <offset> <key> <value>' (+ ' dlq.reason=<reason>' when the",
            "record has that header); progress lines go to stderr.",
            "",
            "Verify mode (--verify): reads the normalised, window-count and dead-letter",
            "topics from the beginning and checks one run end to end. stdout: 'progress",
            "out=N dlq=N windows=N complete=true|false' every progress interval, then",
            "'VERIFY run=R out=.. dlq=.. missing=.. duplicates=.. windows=.. window_errors=..",
            "p50_ms=.. p99_ms=.. p999_ms=.. verdict=PASS|FAIL' and, on FAIL, 'problems: ...'.",
            "",
            "Exit codes: 0 ok/PASS, 1 FAIL, 2 usage error or Kafka/topic unreachable. Every",
            "option can also be set by the environment variable named in its description.",
            ""
        })
public final class ConsumerOptions {
    enum From { beginning, end }

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,..]", defaultValue = "${env:BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "T", split = ",", defaultValue = "${env:CONSUMER_TOPIC:-" + Topics.NORMALIZED + "}",
            description = "Print mode: topic(s) to read, repeatable or comma-separated (env CONSUMER_TOPIC; default ${DEFAULT-VALUE}).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--group", paramLabel = "ID", defaultValue = "${env:CONSUMER_GROUP}",
            description = "Print mode: consumer group (committed offsets, --from when none); without it all partitions are "
                    + "assigned and read from --from (env CONSUMER_GROUP).")
    String group;

    @Option(names = "--from", paramLabel = "beginning|end", defaultValue = "${env:CONSUMER_FROM:-beginning}",
            description = "Print mode: where to start: beginning or end (env CONSUMER_FROM; default ${DEFAULT-VALUE}).")
    From from;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "${env:CONSUMER_MAX_RECORDS:-0}",
            description = "Print mode: stop after N records; 0 = no limit (env CONSUMER_MAX_RECORDS; default ${DEFAULT-VALUE}).")
    long maxRecords;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "${env:CONSUMER_DURATION:-0}", converter = DurationConverter.class,
            description = "Print mode: stop after this long; 0 = no limit (env CONSUMER_DURATION; default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "${env:CONSUMER_TIMEOUT:-15s}", converter = DurationConverter.class,
            description = "How long to wait for the broker and topics before failing (env CONSUMER_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--progress-interval", paramLabel = "D", defaultValue = "${env:CONSUMER_PROGRESS_INTERVAL:-1s}",
            converter = DurationConverter.class,
            description = "How often to print a progress line; 0 = never (env CONSUMER_PROGRESS_INTERVAL; default ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = "--verify", defaultValue = "${env:CONSUMER_VERIFY:-false}",
            description = "Verify one run instead of printing (env CONSUMER_VERIFY).")
    boolean verify;

    @Option(names = "--run-id", paramLabel = "R", defaultValue = "${env:CONSUMER_RUN_ID}",
            description = "Verify: the producer run to check (env CONSUMER_RUN_ID; required with --verify).")
    String runId;

    @Option(names = "--expect-valid", paramLabel = "N", defaultValue = "${env:CONSUMER_EXPECT_VALID:--1}",
            description = "Verify: valid events the run produced, seq 0..N-1 (env CONSUMER_EXPECT_VALID; required with --verify).")
    long expectValid;

    @Option(names = "--expect-malformed", paramLabel = "M", defaultValue = "${env:CONSUMER_EXPECT_MALFORMED:--1}",
            description = "Verify: malformed records the run produced, expected as dead letters (env CONSUMER_EXPECT_MALFORMED; "
                    + "required with --verify).")
    long expectMalformed;

    @Option(names = "--window-ms", paramLabel = "MS", defaultValue = "${env:CONSUMER_WINDOW_MS:-10000}",
            description = "Verify: the job's tumbling window size; 0 skips the window checks (env CONSUMER_WINDOW_MS; default ${DEFAULT-VALUE}).")
    long windowMs;

    @Option(names = "--normalized-topic", paramLabel = "T", defaultValue = "${env:CONSUMER_NORMALIZED_TOPIC:-" + Topics.NORMALIZED + "}",
            description = "Verify: topic of normalised events (env CONSUMER_NORMALIZED_TOPIC; default ${DEFAULT-VALUE}).")
    String normalizedTopic;

    @Option(names = "--counts-topic", paramLabel = "T", defaultValue = "${env:CONSUMER_COUNTS_TOPIC:-" + Topics.WINDOW_COUNTS + "}",
            description = "Verify: topic of window counts (env CONSUMER_COUNTS_TOPIC; default ${DEFAULT-VALUE}).")
    String countsTopic;

    @Option(names = "--dlq-topic", paramLabel = "T", defaultValue = "${env:CONSUMER_DLQ_TOPIC:-" + Topics.DEAD_LETTER + "}",
            description = "Verify: dead-letter topic (env CONSUMER_DLQ_TOPIC; default ${DEFAULT-VALUE}).")
    String dlqTopic;

    @Option(names = "--idle-timeout", paramLabel = "D", defaultValue = "${env:CONSUMER_IDLE_TIMEOUT:-60s}", converter = DurationConverter.class,
            description = "Verify: fail when no new record arrived for this long before the run is complete "
                    + "(env CONSUMER_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--settle", paramLabel = "D", defaultValue = "${env:CONSUMER_SETTLE:-2s}", converter = DurationConverter.class,
            description = "Verify: once complete, keep reading this long to catch late duplicates (env CONSUMER_SETTLE; default ${DEFAULT-VALUE}).")
    Duration settle;

    /** Checks the values together; throws a {@link ParameterException} (usage error, exit 2) on the first bad one. */
    void validate() {
        if (bootstrap == null || bootstrap.isBlank()) fail("--bootstrap must not be empty");
        topics.removeIf(t -> t == null || t.isBlank());
        topics = new ArrayList<>(new java.util.LinkedHashSet<>(topics));
        if (maxRecords < 0) fail("--max-records must be >= 0, got " + maxRecords);
        if (duration.isNegative()) fail("--duration must be >= 0");
        if (timeout.toMillis() < 100) fail("--timeout must be >= 100ms");
        if (progressInterval.isNegative()) fail("--progress-interval must be >= 0");
        if (group != null && group.isBlank()) group = null;
        if (verify) {
            if (runId == null || runId.isBlank()) fail("--verify needs --run-id");
            if (expectValid < 0) fail("--verify needs --expect-valid N (N >= 0)");
            if (expectMalformed < 0) fail("--verify needs --expect-malformed M (M >= 0)");
            if (expectValid > Integer.MAX_VALUE) fail("--expect-valid must be <= " + Integer.MAX_VALUE);
            if (windowMs < 0) fail("--window-ms must be >= 0, got " + windowMs);
            for (String t : List.of(normalizedTopic, countsTopic, dlqTopic)) {
                if (t == null || t.isBlank()) fail("--normalized-topic, --counts-topic and --dlq-topic must not be empty");
            }
            if (windowMs > 0 && countsTopic.equals(normalizedTopic) || dlqTopic.equals(normalizedTopic)
                    || windowMs > 0 && dlqTopic.equals(countsTopic)) {
                fail("--normalized-topic, --counts-topic and --dlq-topic must differ");
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) fail("--idle-timeout must be > 0");
            if (settle.isNegative()) fail("--settle must be >= 0");
        } else if (topics.isEmpty()) {
            fail("--topic must name at least one topic");
        }
    }

    private void fail(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }
}
