package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A catalogue job with its options parsed from arguments the job's own way: what local mode, the benchmark and the
 * tests submit to a Flink runtime, as a FlinkDeployment's {@code job.args} would configure it.
 */
public final class ConfiguredJob<O extends JobOptions> {
    private final StreamingJob<O> job;
    private final O options;

    private ConfiguredJob(StreamingJob<O> job, O options) {
        this.job = job;
        this.options = options;
    }

    /**
     * The job's topology ({@link JobDefinition#entryClass()}) configured by {@code args}.
     *
     * @throws picocli.CommandLine.ParameterException when the arguments are bad (one-line message)
     */
    public static <O extends JobOptions> ConfiguredJob<O> of(JobDefinition<O> definition, List<String> args) {
        return new ConfiguredJob<>(topology(definition), definition.parse(args));
    }

    /** The Flink topology of a catalogue job: its entry class, instantiated. */
    @SuppressWarnings("unchecked")
    public static <O extends JobOptions> StreamingJob<O> topology(JobDefinition<O> definition) {
        Object job;
        try {
            job = Class.forName(definition.entryClass()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("job " + definition.name() + ": cannot make its entry class " + definition.entryClass() + ": " + e, e);
        }
        if (!(job instanceof StreamingJob<?> s) || !s.definition().name().equals(definition.name())) {
            throw new IllegalStateException("job " + definition.name() + ": " + definition.entryClass() + " is not its StreamingJob");
        }
        return (StreamingJob<O>) s;
    }

    public O options() {
        return options;
    }

    public JobDefinition<O> definition() {
        return job.definition();
    }

    /** Configures {@code env} and adds the job to it. */
    public void build(StreamExecutionEnvironment env) {
        JobRunner.configure(env, options);
        job.build(env, options);
    }
}
