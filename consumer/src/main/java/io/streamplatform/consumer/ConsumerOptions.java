package io.streamplatform.consumer;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
            "Verify mode (--verify): reads the output topics of a catalogue job (--job) from",
            "the beginning and checks one run end to end with the job's verifier. The job's",
            "own options (topics, window, ...) follow '--', as the job was given them.",
            "stdout: 'progress <figures> caught_up=true|false complete=true|false' every progress",
            "interval (caught up: only windows not yet closed are missing), then",
            "'VERIFY run=R <figures> verdict=PASS|FAIL', 'summary: <line>' lines for people,",
            "and, on FAIL, 'problems: ...'; for the",
            "events job the figures are out, dlq, missing, duplicates, windows, window_errors,",
            "p50_ms, p99_ms, p999_ms.",
            "",
            "Exit codes: 0 ok/PASS, 1 FAIL, 2 usage error or Kafka/topic unreachable. Every",
            "option can also be set by the environment variable named in its description.",
            ""
        })
public final class ConsumerOptions {
    enum From { beginning, end }

    /** The Kafka client security settings of --client-config (set by the app after parsing; never printed). */
    java.util.Map<String, String> security = java.util.Map.of();

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,..]", defaultValue = "${env:BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--job", paramLabel = "NAME", defaultValue = "${env:CONSUMER_JOB:-" + Catalogue.DEFAULT_JOB + "}",
            description = "Catalogue job whose output to read (env CONSUMER_JOB; default ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--topic", paramLabel = "T", split = ",", defaultValue = "${env:CONSUMER_TOPIC}",
            description = "Print mode: topic(s) to read, repeatable or comma-separated (env CONSUMER_TOPIC; default: the job's first output topic).")
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

    @Option(names = "--duration", paramLabel = "D", defaultValue = "${env:CONSUMER_DURATION:-0}", converter = Durations.Converter.class,
            description = "Print mode: stop after this long; 0 = no limit (env CONSUMER_DURATION; default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "${env:CONSUMER_TIMEOUT:-15s}", converter = Durations.Converter.class,
            description = "How long to wait for the broker and topics before failing (env CONSUMER_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--progress-interval", paramLabel = "D", defaultValue = "${env:CONSUMER_PROGRESS_INTERVAL:-1s}",
            converter = Durations.Converter.class,
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

    @Option(names = "--idle-timeout", paramLabel = "D", defaultValue = "${env:CONSUMER_IDLE_TIMEOUT:-60s}", converter = Durations.Converter.class,
            description = "Verify: fail when no new record arrived for this long before the run is complete "
                    + "(env CONSUMER_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--settle", paramLabel = "D", defaultValue = "${env:CONSUMER_SETTLE:-2s}", converter = Durations.Converter.class,
            description = "Verify: once complete, keep reading this long to catch late duplicates (env CONSUMER_SETTLE; default ${DEFAULT-VALUE}).")
    Duration settle;

    @Parameters(paramLabel = "JOB_OPTION", description = "Verify: the job's options, after '--' (e.g. -- --window 5s --output-topic out).")
    List<String> jobArgs = new ArrayList<>();

    /** The catalogue job named by {@code --job}, once validated. */
    JobDefinition<?> definition;

    /** Verify: the job's options, parsed by the job's parser, once validated. */
    JobOptions jobOptions;

    /** Checks the values together; throws a {@link ParameterException} (usage error, exit 2) on the first bad one. */
    void validate() {
        if (bootstrap == null || bootstrap.isBlank()) fail("--bootstrap must not be empty");
        try {
            definition = Catalogue.get(job);
        } catch (Catalogue.UnknownJobException e) {
            fail(e.getMessage());
        }
        topics.removeIf(t -> t == null || t.isBlank());
        if (topics.isEmpty()) topics.add(definition.primaryOutput().defaultName());
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
            try {
                jobOptions = definition.parse(jobArgs);
            } catch (ParameterException e) {
                fail("the " + job + " job's options after '--': " + e.getMessage());
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) fail("--idle-timeout must be > 0");
            if (settle.isNegative()) fail("--settle must be >= 0");
        } else if (!jobArgs.isEmpty()) {
            fail("job options after '--' are for --verify only");
        }
    }

    private void fail(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }
}
