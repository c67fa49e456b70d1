package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.PlatformGenerator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;

/**
 * The generator's default output honours the contract with the job, producer and consumer modules: the events job's
 * FlinkDeployment runs its catalogue entry class with arguments its own parser reads back as the values say, and the
 * apps get the flags their parsers take.
 */
class GeneratorContractTest {
    final List<HasMetadata> objects = PlatformGenerator.generate(ValuesLoader.defaults());

    @Test
    void theEventsJobRunsItsEntryClassWithArgumentsItsParserReadsAsTheValuesSay() {
        FlinkDeployment flink = only(FlinkDeployment.class);
        assertThat(flink.getMetadata().getName()).isEqualTo("streaming-job");
        var job = flink.getSpec().getJob();
        assertThat(job.getJarURI()).isEqualTo("local:///opt/flink/usrlib/job.jar");
        assertThat(job.getEntryClass()).isEqualTo(Catalogue.get("events").entryClass());
        assertThat(job.getUpgradeMode()).isEqualTo(UpgradeMode.SAVEPOINT);
        assertThat(job.getParallelism()).isEqualTo(2);
        EventsOptions parsed = new EventsDefinition().parse(job.getArgs());
        assertThat(parsed.bootstrap).isEqualTo("streaming-kafka-bootstrap.streaming.svc:9093");
        assertThat(parsed.topics()).containsEntry("input", "events").containsEntry("output", "events-normalized")
                .containsEntry("counts", "event-counts").containsEntry("dlq", "events-dlq");
        assertThat(parsed.groupId).isEqualTo("streaming-job");
        assertThat(parsed.transactionalIdPrefix()).isEqualTo("streaming-job");
        assertThat(parsed.window).isEqualTo(Duration.ofSeconds(10));
        assertThat(parsed.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
        assertThat(parsed.parallelism).as("parallelism is spec.job.parallelism, never an argument").isNull();
        assertThat(flink.getStatus()).as("no status in a manifest").isNull();
        assertThat(flink.getMetadata().getLabels()).containsEntry("streaming-platform/job", "events");
    }

    @Test
    void stateLivesInRocksDbWithCheckpointsAndSavepointsOnTheSharedVolume() {
        var spec = only(FlinkDeployment.class).getSpec();
        assertThat(spec.getFlinkConfiguration())
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("state.checkpoints.dir", "file:///flink-data/checkpoints")
                .containsEntry("state.savepoints.dir", "file:///flink-data/savepoints")
                .containsEntry("execution.checkpointing.interval", "10s")
                .containsEntry("taskmanager.numberOfTaskSlots", "2");
        // The top-level pod template applies to the JobManager and the TaskManagers alike.
        assertThat(spec.getJobManager().getPodTemplate()).isNull();
        assertThat(spec.getTaskManager().getPodTemplate()).isNull();
        var pod = spec.getPodTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getHostPath() != null).singleElement().satisfies(v -> {
            assertThat(v.getHostPath().getPath()).isEqualTo("/flink-data");
            assertThat(v.getName()).isEqualTo("flink-data");
        });
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("flink-main-container");
            assertThat(c.getVolumeMounts()).filteredOn(m -> m.getName().equals("flink-data")).singleElement()
                    .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/flink-data"));
        });
        assertThat(spec.getServiceAccount()).isEqualTo("streaming-flink");
    }

    @Test
    void producerAndConsumerGetTheirJobAndItsTopics() {
        Deployment producer = deployment("streaming-producer");
        assertThat(producer.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly(
                "--bootstrap", "streaming-kafka-bootstrap.streaming.svc:9093", "--job", "events", "--topic", "events",
                "--rate", "100", "--count", "0", "--duration", "0", "--keys", "100");
        Deployment consumer = deployment("streaming-consumer");
        assertThat(consumer.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly(
                "--bootstrap", "streaming-kafka-bootstrap.streaming.svc:9093", "--job", "events", "--topic", "events-normalized");
    }

    @Test
    void strimziResourcesUseTheV1Api() {
        assertThat(objects).filteredOn(o -> o.getApiVersion().startsWith("kafka.strimzi.io"))
                .hasSize(9) // Kafka, its node pool, four topics, three users
                .allSatisfy(o -> assertThat(o.getApiVersion()).isEqualTo("kafka.strimzi.io/v1"));
    }

    @Test
    void setOverridesUseHelmTypingListIndicesAndEscapedDots() {
        var v = ValuesLoader.load(List.of(), List.of("kafka.listeners[1].port=9094",
                "jobs.events.topics.input.config.retention\\.ms=1000", "jobs.events.topics.input.config.cleanup\\.policy=compact"));
        assertThat(v.kafka().listeners().get(1).port()).isEqualTo(9094);
        assertThat(v.kafka().listeners()).hasSize(2);
        assertThat(v.jobs().get("events").topics().get("input").config()).containsEntry("retention.ms", 1000L)
                .containsEntry("cleanup.policy", "compact");
        assertThat(v.bootstrapAddress()).isEqualTo("streaming-kafka-bootstrap.streaming.svc:9094");
    }

    private <T> T only(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> {
            throw new AssertionError("more than one " + type.getSimpleName());
        }).orElseThrow();
    }

    private Deployment deployment(String name) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }
}
