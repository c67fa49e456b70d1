package io.streamplatform.local;

import io.streamplatform.common.Topics;
import io.streamplatform.job.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Local mode's options, parsed once and validated. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the whole pipeline on this machine: a real Kafka broker (KRaft, 127.0.0.1), the Flink job on a local",
            "Flink runtime, the producer and the verifying read_committed consumer. Prints progress, a summary and one",
            "'RESULT key=value ...' line; exits 0 only when every event came out exactly once and the window counts add up."
        })
public final class LocalConfig {
    @Option(names = "--events", description = "Records to produce, malformed ones included (default: ${DEFAULT-VALUE}).")
    long events = 200_000;

    @Option(names = "--rate", description = "Records per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    int rate = 20_000;

    @Option(names = "--keys", description = "Distinct event keys (default: ${DEFAULT-VALUE}).")
    int keys = 100;

    @Option(names = "--malformed-fraction", description = "Fraction of malformed records, to exercise the dead-letter path (default: ${DEFAULT-VALUE}).")
    double malformedFraction = 0.01;

    @Option(names = "--partitions", description = "Partitions of each topic created (default: ${DEFAULT-VALUE}).")
    int partitions = 4;

    @Option(names = "--parallelism", description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--delivery", description = "exactly-once or at-least-once (default: exactly-once).",
            converter = JobConfig.DeliveryConverter.class)
    JobConfig.Delivery delivery = JobConfig.Delivery.EXACTLY_ONCE;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval (default: 1s).", converter = JobConfig.DurationConverter.class)
    Duration checkpointInterval = Duration.ofSeconds(1);

    @Option(names = "--window", description = "Tumbling window of the counts (default: 5s).", converter = JobConfig.DurationConverter.class)
    Duration window = Duration.ofSeconds(5);

    @Option(names = "--state-backend", description = "hashmap or rocksdb (default: hashmap).", converter = JobConfig.StateBackendConverter.class)
    JobConfig.StateBackend stateBackend = JobConfig.StateBackend.HASHMAP;

    @Option(names = "--bootstrap", description = "Use this running Kafka instead of starting one; topics are created if missing.")
    String bootstrap;

    @Option(names = "--work-dir", description = "Where the broker's data, checkpoints and logs go (default: a new temporary directory, deleted afterwards unless --keep).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the work directory (logs, checkpoints) after the run.")
    boolean keep;

    @Option(names = "--timeout", description = "Give up if the run has not finished after this long (default: 10m).", converter = JobConfig.DurationConverter.class)
    Duration timeout = Duration.ofMinutes(10);

    @Option(names = "--connect-timeout", description = "How long to wait for Kafka before failing (default: 30s).", converter = JobConfig.DurationConverter.class)
    Duration connectTimeout = Duration.ofSeconds(30);

    @Option(names = "--quiet", description = "No progress lines, only the summary.")
    boolean quiet;

    /**
     * Parses once into a new config; returns null if help or version was requested (and printed to
     * {@code out}). Throws {@link CommandLine.ParameterException} for bad input.
     */
    static LocalConfig parse(java.io.PrintStream out, String... args) {
        LocalConfig c = new LocalConfig();
        CommandLine cli = new CommandLine(c);
        cli.setOut(new java.io.PrintWriter(out, true));
        if (CommandLine.printHelpIfRequested(cli.parseArgs(args))) return null;
        c.validate(cli);
        return c;
    }

    private void validate(CommandLine cli) {
        check(cli, events > 0, "--events must be > 0");
        check(cli, rate >= 0, "--rate must be >= 0");
        check(cli, keys > 0, "--keys must be > 0");
        check(cli, malformedFraction >= 0 && malformedFraction < 1, "--malformed-fraction must be in [0, 1)");
        check(cli, partitions > 0, "--partitions must be > 0");
        check(cli, parallelism > 0 && parallelism <= 64, "--parallelism must be in 1..64");
        check(cli, checkpointInterval.toMillis() >= 10, "--checkpoint-interval must be >= 10ms");
        check(cli, window.toMillis() > 0, "--window must be > 0");
        check(cli, timeout.toSeconds() > 0, "--timeout must be > 0");
        check(cli, connectTimeout.toMillis() > 0, "--connect-timeout must be > 0");
    }

    private static void check(CommandLine cli, boolean ok, String message) {
        if (!ok) throw new CommandLine.ParameterException(cli, message);
    }

    /** The job's configuration for one run against {@code bootstrap}. */
    JobConfig jobConfig(String bootstrapServers, String runId, Path checkpoints) {
        JobConfig j = new JobConfig();
        j.bootstrap = bootstrapServers;
        j.inputTopic = Topics.INPUT;
        j.outputTopic = Topics.NORMALIZED;
        j.countsTopic = Topics.WINDOW_COUNTS;
        j.dlqTopic = Topics.DEAD_LETTER;
        j.groupId = "local-" + runId;
        j.transactionalIdPrefix = "local-" + runId;
        j.startingOffsets = JobConfig.StartingOffsets.COMMITTED;
        j.delivery = delivery;
        j.checkpointInterval = checkpointInterval;
        j.checkpointDir = checkpoints.toUri().toString();
        j.stateBackend = stateBackend;
        j.parallelism = parallelism;
        j.window = window;
        j.jobName = "streaming-platform-local-" + runId;
        return j;
    }
}
