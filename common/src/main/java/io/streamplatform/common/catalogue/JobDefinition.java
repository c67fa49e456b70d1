package io.streamplatform.common.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One job of the catalogue, described once: its name, what it does, its entry point, its topics by role, its
 * options, and the two things that prove a run of it — an input generator and an output verifier. Everything but
 * the Flink topology (the job module's {@link #entryClass()}) lives here, free of Flink and Kafka, so the producer
 * and consumer apps, local mode, the benchmark and the Kubernetes renderers all read the same description.
 *
 * <p>A job is registered by naming its definition in {@code META-INF/services/io.streamplatform.common.catalogue.JobDefinition}.
 *
 * @param <O> the job's options (the shared {@link JobOptions} plus its own)
 */
public abstract class JobDefinition<O extends JobOptions> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,19}");

    private final String name;
    private final String description;
    private final String entryClass;
    private final Supplier<O> newOptions;
    private final List<TopicRole> topics;

    /**
     * @param name lower-case letters and digits (it becomes a values key, part of Kubernetes names and of flags)
     * @param description what the job does, in one line
     * @param entryClass the Flink job's main class (in the job module), the FlinkDeployment's {@code entryClass}
     * @param newOptions a fresh, unparsed options object
     */
    protected JobDefinition(String name, String description, String entryClass, Supplier<O> newOptions, List<TopicRole> topics) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("a job name is 1-20 lower-case letters and digits, got '" + name + "'");
        this.name = name;
        this.description = Objects.requireNonNull(description);
        this.entryClass = Objects.requireNonNull(entryClass);
        this.newOptions = newOptions;
        this.topics = List.copyOf(topics);
        if (topics.stream().map(TopicRole::role).distinct().count() != topics.size()) {
            throw new IllegalArgumentException("job " + name + " has two topics with the same role");
        }
    }

    public final String name() {
        return name;
    }

    public final String description() {
        return description;
    }

    public final String entryClass() {
        return entryClass;
    }

    public final List<TopicRole> topics() {
        return topics;
    }

    public final TopicRole topic(String role) {
        return topics.stream().filter(t -> t.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job " + name + " has no topic role '" + role + "'"));
    }

    /** The topics the job reads ({@link TopicRole.Kind#INPUT}), in declaration order. */
    public final List<TopicRole> inputs() {
        return topics.stream().filter(t -> t.kind() == TopicRole.Kind.INPUT).toList();
    }

    /** The first topic the job writes results to: what a consumer prints by default. */
    public final TopicRole primaryOutput() {
        return topics.stream().filter(t -> t.kind() == TopicRole.Kind.OUTPUT).findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + name + " has no output topic"));
    }

    /** The job's default consumer group and Flink job name: unique per job, so two jobs never share either by default. */
    public final String defaultGroupId() {
        return "streaming-platform-" + name;
    }

    /**
     * The job's command line over a fresh options object ({@code commandLine.getCommand()}): the annotated options,
     * one {@code --<role>-topic} option per topic, and the per-job defaults. For usage help; {@link #parse} to parse.
     */
    public final CommandLine commandLine() {
        O options = newOptions.get();
        CommandSpec spec = CommandSpec.forAnnotatedObject(options);
        spec.name(name);
        spec.usageMessage().description(description);
        for (TopicRole t : topics) {
            spec.addOption(OptionSpec.builder(t.flag())
                    .paramLabel("TOPIC")
                    .type(String.class)
                    .defaultValue(t.defaultName())
                    .description(t.description())
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            options.topics.put(t.role(), (String) value);
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) options.topics.get(t.role());
                        }
                    })
                    .build());
        }
        CommandLine cli = new CommandLine(spec);
        cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && (o.longestName().equals("--group-id") || o.longestName().equals("--job-name"))
                ? defaultGroupId() : null);
        return cli;
    }

    /**
     * Parses and validates the job's arguments: the one way a job's options are made, for the cluster, local mode,
     * the benchmark, the verifier and the tests alike. {@code --help}/{@code --version} only set
     * {@link JobOptions#helpRequested()}.
     *
     * @throws CommandLine.ParameterException with a one-line message naming the problem
     */
    @SuppressWarnings("unchecked")
    public final O parse(String... args) {
        CommandLine cli = commandLine();
        O options = (O) cli.getCommand();
        cli.parseArgs(args);
        options.helpRequested = cli.isUsageHelpRequested() || cli.isVersionHelpRequested();
        if (!options.helpRequested) options.validate(new JobOptions.Problems(cli));
        return options;
    }

    public final O parse(List<String> args) {
        return parse(args.toArray(String[]::new));
    }

    /** Every visible option of the job, topics included, in the order {@code --help} lists them. */
    public final List<OptionInfo> options() {
        CommandLine cli = commandLine();
        List<OptionInfo> out = new ArrayList<>();
        for (OptionSpec o : cli.getCommandSpec().options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
            String dflt = o.defaultValue();
            if (dflt == null) {
                try {
                    dflt = cli.getDefaultValueProvider().defaultValue(o);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            out.add(OptionInfo.of(o, dflt));
        }
        return out;
    }

    /** Arguments that suit a short run in local mode, before the user's own (e.g. smaller windows); none by default. */
    public List<String> localModeArgs() {
        return List.of();
    }

    /** A generator of one run of input for this job: what the producer app sends. */
    public abstract RecordGenerator generator(GeneratorSettings settings);

    /** True if {@code value} is input the job will accept (the producer counts lines it sends from a file with it). */
    public abstract boolean acceptsInput(byte[] value);

    /** A verifier of one run's output, for the job configured by {@code options}. */
    public abstract Verifier verifier(O options, RunFacts run);

    /**
     * {@link #verifier} for options this definition parsed, held where the job's own options type is not known
     * (a {@code JobDefinition<?>} from the catalogue).
     */
    @SuppressWarnings("unchecked")
    public final Verifier verifierFor(JobOptions options, RunFacts run) {
        return verifier((O) options, run);
    }

    @Override
    public String toString() {
        return name;
    }
}
