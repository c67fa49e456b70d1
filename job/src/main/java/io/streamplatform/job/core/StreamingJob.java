package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A catalogue job's Flink topology. Its class is the job's entry point ({@link JobDefinition#entryClass()}, the
 * FlinkDeployment's {@code entryClass}), with a public no-argument constructor and a {@code main} that calls
 * {@link JobRunner#main}.
 */
public interface StreamingJob<O extends JobOptions> {
    /** The job's description in the catalogue. */
    JobDefinition<O> definition();

    /** Adds the job's operators, each with a stable uid, to {@code env}. */
    void build(StreamExecutionEnvironment env, O options);
}
