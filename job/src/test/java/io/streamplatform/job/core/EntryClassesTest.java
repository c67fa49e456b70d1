package io.streamplatform.job.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue job's entry point (the FlinkDeployment's entryClass) is its topology and can be run by Flink. */
class EntryClassesTest {

    static Iterable<JobDefinition<?>> jobs() {
        return Catalogue.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void theEntryClassIsTheJobsTopologyWithAMain(JobDefinition<?> job) throws Exception {
        StreamingJob<?> topology = ConfiguredJob.topology(job);
        assertThat(topology.definition().name()).isEqualTo(job.name());
        Method main = Class.forName(job.entryClass()).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as("main is static").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void theJobBuildsWithItsDefaults(JobDefinition<?> job) {
        var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        ConfiguredJob.of(job, java.util.List.of()).build(env);
        assertThat(env.getStreamGraph().getStreamNodes()).allSatisfy(node ->
                assertThat(node.getTransformationUID()).as("uid of %s", node.getOperatorName()).isNotBlank());
    }
}
