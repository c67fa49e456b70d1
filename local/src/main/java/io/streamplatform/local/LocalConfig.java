package io.streamplatform.local;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Local mode's options, parsed once and validated; every other option is the chosen job's own. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = {
            "Runs a catalogue job on this machine, verified: a real Kafka broker (KRaft,",
            "127.0.0.1), the job on a local Flink runtime, the job's generator as producer",
            "and its verifier as read_committed consumer. Prints progress, a summary and",
            "one 'RESULT key=value ...' line; exits 0 only when the verifier passes the run.",
            "Every other option is the job's own (listed below), e.g. --delivery at-least-once.",
            "`pipeline up --help`: keep a broker and jobs running for your own clients.",
            "`pipeline chaos --help`: the same run on a multi-process cluster under faults.",
            ""
        })
public class LocalConfig {
    @Option(names = "--job", paramLabel = "NAME", description = "Catalogue job to run (--list-jobs lists them).")
    String job = Catalogue.DEFAULT_JOB;

    @Option(names = "--list-jobs", description = "List the catalogue's jobs and their topics, and exit.")
    boolean listJobs;

    @Option(names = "--events", paramLabel = "N", description = "Records to produce, malformed ones included.")
    long events = 200_000;

    @Option(names = "--rate", paramLabel = "R", description = "Records per second, 0 = as fast as possible.")
    int rate = 20_000;

    @Option(names = "--keys", paramLabel = "K", description = "Distinct keys of the generated input.")
    int keys = 100;

    @Option(names = "--malformed-fraction", paramLabel = "F", description = "Fraction of malformed records, to exercise the dead-letter path.")
    double malformedFraction = 0.01;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created.")
    int partitions = 4;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Use this running Kafka instead of starting one; topics are created if missing.")
    String bootstrap;

    @Option(names = "--secure",
            description = "Secure the broker: SCRAM-SHA-512 over TLS (a throwaway CA in the work directory), ACLs enforced, "
                    + "no plaintext listener; the producer, the job and the verifier each get a user of their own with only the ACLs it needs.")
    boolean secure;

    @Option(names = "--producer-client-config", paramLabel = "FILE",
            description = "With --bootstrap: the producer's own Kafka client security settings (default: the job's --client-config).")
    Path producerClientConfig;

    @Option(names = "--consumer-client-config", paramLabel = "FILE",
            description = "With --bootstrap: the verifying consumer's own Kafka client security settings (default: the job's --client-config).")
    Path consumerClientConfig;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the broker's data, checkpoints and logs go (default: a new temporary directory, deleted afterwards unless --keep).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the work directory (logs, checkpoints) after the run.")
    boolean keep;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.Converter.class,
            description = "Give up if the run has not finished after this long.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.Converter.class,
            description = "How long to wait for Kafka before failing.")
    Duration connectTimeout;

    @Option(names = "--quiet", description = "No progress lines, only the summary.")
    boolean quiet;

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    JobDefinition<?> definition;

    /**
     * Parses once into a new config; returns null if help or version was requested (and printed to
     * {@code out}). Throws {@link CommandLine.ParameterException} for bad input, the job's options included.
     */
    static LocalConfig parse(PrintStream out, String... args) {
        return parse(new LocalConfig(), out, args);
    }

    /** As {@link #parse(PrintStream, String...)}, into {@code c} (a subcommand's config with options of its own). */
    static <C extends LocalConfig> C parse(C c, PrintStream out, String... args) {
        CommandLine cli = new CommandLine(c);
        cli.setOut(new PrintWriter(out, true));
        cli.parseArgs(args);
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return null;
        }
        c.definition = job(cli, c.job);
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            printJobOptions(out, c.definition, c.defaults());
            return null;
        }
        c.validate(cli);
        return c;
    }

    void validate(CommandLine cli) {
        check(cli, events > 0, "--events must be > 0");
        check(cli, rate >= 0, "--rate must be >= 0");
        check(cli, keys > 0, "--keys must be > 0");
        check(cli, malformedFraction >= 0 && malformedFraction < 1, "--malformed-fraction must be in [0, 1)");
        check(cli, partitions > 0, "--partitions must be > 0");
        check(cli, timeout.toSeconds() > 0, "--timeout must be > 0");
        check(cli, connectTimeout.toMillis() > 0, "--connect-timeout must be > 0");
        check(cli, !(secure && bootstrap != null), "--secure starts a broker of its own; against --bootstrap give --client-config FILE");
        check(cli, bootstrap != null || (producerClientConfig == null && consumerClientConfig == null),
                "--producer-client-config and --consumer-client-config go with --bootstrap");
        if (listJobs) return;
        try {
            definition.parse(jobArgs("127.0.0.1:9092", "check", Path.of("checkpoints").toUri().toString()));
        } catch (CommandLine.ParameterException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage() + " (the " + definition.name() + " job's options: pipeline --job "
                    + definition.name() + " --help)");
        }
    }

    static JobDefinition<?> job(CommandLine cli, String name) {
        try {
            return Catalogue.get(name);
        } catch (Catalogue.UnknownJobException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    static void check(CommandLine cli, boolean ok, String message) {
        if (!ok) throw new CommandLine.ParameterException(cli, message);
    }

    /** The job's arguments for one run against {@code bootstrap}, checkpointing to {@code checkpoints} (a URI). */
    List<String> jobArgs(String bootstrapServers, String runId, String checkpoints) {
        return LocalJobArgs.of(definition, bootstrapServers, "local-" + runId, checkpoints, defaults(), jobArgs);
    }

    /** The defaults this mode gives the job unless the user sets them, as {@code --help} shows them. */
    List<String> defaults() {
        return LocalJobArgs.defaults(definition);
    }

    /** The job's options section of {@code --help}, with local mode's defaults for it. */
    static void printJobOptions(PrintStream out, JobDefinition<?> job, List<String> defaults) {
        out.println();
        out.println("Options of the " + job.name() + " job. Local mode gives it " + String.join(" ", defaults));
        out.println("unless you do, and sets --bootstrap, --group-id, --transactional-id-prefix, --job-name and");
        out.println("--checkpoint-dir for each run:");
        CommandLine jobCli = job.commandLine();
        out.print(jobCli.getHelp().optionList());
    }

    /** Width of a column of the job's topic roles: the longest, and at least 8. */
    static int roleWidth(JobDefinition<?> job) {
        return Math.max(8, job.topics().stream().mapToInt(t -> t.role().length()).max().orElse(0));
    }

    /** {@code --list-jobs}: one paragraph per job. */
    static void listJobs(PrintStream out) {
        for (JobDefinition<?> job : Catalogue.all()) {
            out.println(job.name() + (job.name().equals(Catalogue.DEFAULT_JOB) ? " (default)" : "") + ": " + job.description());
            String row = "    %-" + roleWidth(job) + "s %-24s %s%n";
            for (var topic : job.topics()) {
                out.printf(row, topic.role(), topic.defaultName(), topic.description());
            }
        }
    }
}
