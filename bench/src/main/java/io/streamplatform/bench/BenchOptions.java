package io.streamplatform.bench;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What to measure and how long; defaults are the documented full run (about 20 min on 2 cores). */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The pipeline against a plain Kafka consume → produce copy, side by side on a real local broker.")
public final class BenchOptions {
    @Option(names = "--job", description = "Catalogue job to benchmark; its generator makes the input (default: ${DEFAULT-VALUE}).")
    public String job = Catalogue.DEFAULT_JOB;

    @Option(names = "--events", description = "Events of the warm-up runs (and the least a sized run reads); with --steady-window 0, "
            + "of every throughput run (default: ${DEFAULT-VALUE}).")
    public long events = 2_000_000;

    @Option(names = "--steady-window", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Each throughput run of the events job reads the first N events of one long input, N sized from the "
                    + "scenario's latest rate to keep it running this long after --ramp; its figure is the rate between its "
                    + "input commits over that window (start-up and the end of the input left out). 0: every run reads --events "
                    + "and its figure is the whole run (default: ${DEFAULT-VALUE}).")
    public Duration steadyWindow;

    @Option(names = "--ramp", defaultValue = "2s", converter = Durations.Converter.class,
            description = "Leading part of each sized throughput run left out of its steady window (default: ${DEFAULT-VALUE}).")
    public Duration ramp;

    @Option(names = "--max-events", description = "Most events one sized run may read; the input is loaded up to what the runs "
            + "need (default: ${DEFAULT-VALUE}).")
    public long maxEvents = 40_000_000;

    @Option(names = "--partitions", description = "Partitions of the input and output topics (default: ${DEFAULT-VALUE}).")
    public int partitions = 4;

    @Option(names = "--parallelism", split = ",", description = "Parallelisms of the throughput curve, e.g. 1,2,4 (default: 2, the machine's cores here: the default run "
            + "stays within about 20 minutes).")
    public List<Integer> parallelisms = new ArrayList<>(List.of(2));

    @Option(names = "--runs", description = "Runs of every scenario; figures are medians with min and max (default: ${DEFAULT-VALUE}).")
    public int runs = 3;

    @Option(names = "--scenarios", split = ",",
            description = "Scenario groups: throughput (the copies and the whole job, exactly-once and at-least-once; for the "
                    + "events job also the same job on Kafka Streams, kstreams-full-eo and kstreams-full-alo, compared with "
                    + "flink-full-eo and flink-full-alo in the same round), breakdown (where the job's time goes: Flink passing the "
                    + "input through, flink-copy-*, and the job without its window counts, flink-transform-*, beside the copies; not "
                    + "in the default), latency (reads the events "
                    + "job's output: events only; the copies, flink-full-eo, flink-full-alo and kstreams-full-eo), rss, catalogue "
                    + "(every other catalogue job, whole and exactly-once, beside the copy of its input, each run over "
                    + "--catalogue-events, not sized to a steady window; not in the default), metrics (the whole job "
                    + "exactly-once with and without Flink's Prometheus reporter, scraped every --metrics-scrape-interval, in the "
                    + "same rounds and at the same parallelisms as throughput; not in the default), secure (a second broker "
                    + "with TLS, SCRAM-SHA-512 and ACLs beside the plaintext one: copy-txn and the whole job exactly-once against "
                    + "each, every client of the secured one its own user, in the same rounds and at the same parallelisms, and the "
                    + "job's latency against each; not in the default) "
                    + "(default: throughput, latency, rss).")
    public List<String> scenarios = new ArrayList<>(List.of("throughput", "latency", "rss"));

    @Option(names = "--catalogue-events", description = "Pre-loaded input records of each other catalogue job (default: ${DEFAULT-VALUE}).")
    public long catalogueEvents = 1_000_000;

    @Option(names = "--catalogue-parallelism", description = "Parallelism of the other catalogue jobs' runs (default: ${DEFAULT-VALUE}).")
    public int catalogueParallelism = 2;

    @Option(names = "--metrics-scrape-interval", defaultValue = "5s", converter = Durations.Converter.class,
            description = "How often the metrics scenario reads the Prometheus endpoint while the job runs, first at its start "
                    + "(default: ${DEFAULT-VALUE}).")
    public Duration metricsScrapeInterval;

    @Option(names = "--checkpoint-interval", defaultValue = "1s", converter = Durations.Converter.class,
            description = "Checkpoint interval of the job and commit interval of the copy baselines (default: ${DEFAULT-VALUE}).")
    public Duration checkpointInterval;

    @Option(names = "--latency-rate", description = "Input rate of the latency scenarios, events/s (default: ${DEFAULT-VALUE}).")
    public int latencyRate = 20_000;

    @Option(names = "--latency-seconds", description = "How long each latency run produces (default: ${DEFAULT-VALUE}).")
    public int latencySeconds = 15;

    @Option(names = "--latency-warmup-seconds", description = "Leading seconds of each latency run left out of the percentiles (default: ${DEFAULT-VALUE}).")
    public int latencyWarmupSeconds = 5;

    @Option(names = "--latency-parallelism", description = "Parallelism of the latency scenarios (default: ${DEFAULT-VALUE}).")
    public int latencyParallelism = 2;

    @Option(names = "--rss-events", description = "Events of the local-mode run whose peak RSS is measured (default: local mode's 200000).")
    public long rssEvents = 200_000;

    @Option(names = "--warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run each path once before measuring, not counted (default: ${DEFAULT-VALUE}).")
    public boolean warmup = true;

    @Option(names = "--profile", description = "Record a JFR profile of the first run of each throughput scenario into the work directory.")
    public boolean profile;

    @Option(names = "--work-dir", description = "Broker data, checkpoints, logs, profiles (default: bench/target/work).")
    public Path workDir = Path.of("bench/target/work");

    @Option(names = "--output", description = "JSON result file (default: bench-results/benchmark-<time>.json).")
    public Path output;

    private static final List<String> GROUPS = List.of("throughput", "breakdown", "latency", "rss", "catalogue", "metrics", "secure");

    /** Whether --help or --version was given (then nothing is validated). */
    public boolean helpRequested;

    /** The job named by --job, once validated. */
    public JobDefinition<?> definition;

    /** Parses once (parsing again into the same object would toggle boolean flags back) and validates. */
    public static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        CommandLine cli = new CommandLine(o);
        o.helpRequested = CommandLine.printHelpIfRequested(cli.parseArgs(args));
        if (o.helpRequested) return o;
        require(cli, o.events > 0, "--events must be > 0");
        require(cli, !o.steadyWindow.isNegative() && !o.ramp.isNegative(), "--steady-window and --ramp must be >= 0");
        require(cli, o.maxEvents >= o.events, "--max-events must be >= --events");
        require(cli, o.partitions > 0, "--partitions must be > 0");
        require(cli, o.runs > 0, "--runs must be > 0");
        require(cli, !o.parallelisms.isEmpty() && o.parallelisms.stream().allMatch(p -> p > 0), "--parallelism must list values > 0");
        require(cli, o.latencyRate > 0 && o.latencySeconds > o.latencyWarmupSeconds && o.latencyWarmupSeconds >= 0,
                "--latency-rate must be > 0 and --latency-seconds > --latency-warmup-seconds >= 0");
        require(cli, GROUPS.containsAll(o.scenarios), "--scenarios takes " + String.join(", ", GROUPS));
        require(cli, !o.metricsScrapeInterval.isNegative() && !o.metricsScrapeInterval.isZero(), "--metrics-scrape-interval must be > 0");
        require(cli, o.catalogueEvents > 0 && o.catalogueParallelism > 0, "--catalogue-events and --catalogue-parallelism must be > 0");
        try {
            o.definition = Catalogue.get(o.job);
        } catch (Catalogue.UnknownJobException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        return o;
    }

    boolean has(String group) {
        return scenarios.contains(group);
    }

    int maxParallelism() {
        int max = Math.max(latencyParallelism, catalogueParallelism);
        for (int p : parallelisms) max = Math.max(max, p);
        return max;
    }

    private static void require(CommandLine cli, boolean ok, String message) {
        if (!ok) throw new CommandLine.ParameterException(cli, message);
    }
}
