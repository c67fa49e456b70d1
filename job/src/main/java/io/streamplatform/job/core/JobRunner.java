package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig.ExternalizedCheckpointCleanup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/** What every job's {@code main} does, and the environment settings every job shares. */
public final class JobRunner {
    private JobRunner() {}

    /** Parses the arguments the job's way (usage and exit code 2 when bad), builds the job and runs it. */
    public static <O extends JobOptions> void main(StreamingJob<O> job, String[] args) throws Exception {
        JobDefinition<O> definition = job.definition();
        O options;
        try {
            options = definition.parse(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("error: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
            return;
        }
        if (options.helpRequested()) {
            definition.commandLine().usage(System.out);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, options);
        job.build(env, options);
        env.execute(options.jobName);
    }

    /** Checkpointing, state backend and parallelism; options not given are left to the cluster. */
    public static void configure(StreamExecutionEnvironment env, JobOptions c) {
        Configuration conf = new Configuration();
        if (c.stateBackend != null) conf.set(StateBackendOptions.STATE_BACKEND, c.stateBackend.name().toLowerCase(Locale.ROOT));
        if (c.checkpointDir != null) conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.checkpointDir);
        env.configure(conf);
        env.enableCheckpointing(c.checkpointInterval.toMillis(),
                c.delivery == JobOptions.Delivery.EXACTLY_ONCE ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
        env.getCheckpointConfig().setExternalizedCheckpointCleanup(ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION);
        if (c.parallelism != null) env.setParallelism(c.parallelism);
        // Records are not mutated after they are emitted, so chained operators may pass them without copies.
        env.getConfig().enableObjectReuse();
    }
}
