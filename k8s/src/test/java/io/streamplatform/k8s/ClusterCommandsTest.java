package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.streamplatform.k8s.chart.ChartSync;
import io.streamplatform.k8s.cluster.Applier;
import io.streamplatform.k8s.cluster.Scaler;
import io.streamplatform.k8s.model.ChartFiles;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.ChartCopy;
import io.streamplatform.k8s.support.CliRun;
import io.streamplatform.k8s.support.MockCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply}, {@code scale} and {@code status} against the fabric8 mock Kubernetes API server in CRUD mode, with
 * the Strimzi and Flink CRDs loaded. The mock is used because no Kubernetes API server can be obtained on the build
 * machine (no Docker engine, kind cannot run, no network to a cluster). It stores and returns objects but does no
 * schema validation (CrdSchemaTest covers that) and answers server-side apply with HTTP 415, so {@code apply}
 * exercises its create-or-update fallback here; on a real cluster it uses server-side apply.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterCommandsTest {
    static final String NS = "streaming";

    KubernetesClient client;

    @BeforeEach
    void crds() {
        MockCluster.installCrds(client);
    }

    @Test
    void applyCreatesEveryObjectAndIsRepeatable() {
        CliRun first = CliRun.run(MockCluster.provider(client), "apply", "--set", "jobs.events.parallelism=3");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("namespace/streaming created", "FlinkDeployment streaming/streaming-job applied");

        assertThat(client.namespaces().withName(NS).get()).isNotNull();
        assertThat(client.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka").inNamespace(NS).list().getItems())
                .extracting(k -> k.getMetadata().getName()).containsExactly("streaming");
        assertThat(client.genericKubernetesResources("kafka.strimzi.io/v1", "KafkaNodePool").inNamespace(NS).list()
                .getItems()).hasSize(1);
        assertThat(client.genericKubernetesResources("kafka.strimzi.io/v1", "KafkaTopic").inNamespace(NS).list()
                .getItems()).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("events", "events-normalized", "event-counts", "events-dlq");
        assertThat(client.genericKubernetesResources("kafka.strimzi.io/v1", "KafkaUser").inNamespace(NS).list()
                .getItems()).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrder("streaming-job", "streaming-producer", "streaming-consumer");
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).extracting(Deployment::getMetadata)
                .extracting(m -> m.getName()).containsExactlyInAnyOrder("streaming-producer", "streaming-consumer");
        assertThat(client.serviceAccounts().inNamespace(NS).withName("streaming-flink").get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("streaming-flink").get()).isNotNull();
        assertThat(flink().getSpec().getJob().getParallelism()).isEqualTo(3);

        CliRun again = CliRun.run(MockCluster.provider(client), "apply", "--set", "jobs.events.parallelism=3",
                "--set", "producer.rate=500");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("namespace/streaming created");
        assertThat(client.apps().deployments().inNamespace(NS).withName("streaming-producer").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsSequence("--rate", "500");
    }

    /** With monitoring, apply also creates the PodMonitors, the PrometheusRule and the two ConfigMaps. */
    @Test
    void applyCreatesTheMonitoringObjects() {
        CliRun run = CliRun.run(MockCluster.provider(client), "apply", "--set", "monitoring.enabled=true");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor").inNamespace(NS).list().getItems())
                .extracting(m -> m.getMetadata().getName())
                .containsExactlyInAnyOrder("streaming-job", "streaming-kafka", "streaming-kafka-exporter", "streaming-producer",
                        "streaming-consumer");
        assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule").inNamespace(NS).list()
                .getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("streaming-alerts");
        assertThat(client.configMaps().inNamespace(NS).list().getItems()).extracting(c -> c.getMetadata().getName())
                .contains("streaming-kafka-metrics", "streaming-dashboard");
        assertThat(flink().getSpec().getFlinkConfiguration()).containsKey("metrics.reporter.prom.factory.class");
    }

    @Test
    void scaleChangesTheParallelism() {
        assertThat(CliRun.run(MockCluster.provider(client), "apply").exitCode()).isZero();

        CliRun scale = CliRun.run(MockCluster.provider(client), "scale", "--parallelism", "4");

        assertThat(scale.exitCode()).as(scale.err()).isZero();
        assertThat(scale.out()).contains("FlinkDeployment streaming/streaming-job (job events): parallelism 2 -> 4");
        assertThat(flink().getSpec().getJob().getParallelism()).isEqualTo(4);
    }

    /** With two jobs deployed (the events job and the test-scope toy job), scaling one leaves the other as it was. */
    @Test
    void scalingOneJobLeavesTheOtherJobsAlone(@TempDir Path dir) {
        Path chart = ChartCopy.of(dir);
        ChartSync.apply(chart, AddAJobTest.WITH_TOY);
        PlatformValues values = ValuesLoader.load(ChartFiles.of(chart), AddAJobTest.WITH_TOY, List.of(), List.of("jobs.toy.enabled=true"), NS);
        new Applier(client, line -> {}).apply(NS, PlatformGenerator.generate(values, AddAJobTest.WITH_TOY));

        int previous = new Scaler(client).scale(NS, values.deploymentName("toy"), 5);

        assertThat(previous).isEqualTo(2);
        assertThat(client.resources(FlinkDeployment.class).inNamespace(NS).withName("streaming-toy").get().getSpec().getJob().getParallelism())
                .isEqualTo(5);
        assertThat(flink().getSpec().getJob().getParallelism()).as("the events job's").isEqualTo(2);
    }

    @Test
    void scaleOfAJobNotEnabledFailsNamingTheEnabledOnes() {
        CliRun scale = CliRun.run(MockCluster.provider(client), "scale", "--job", "nope", "--parallelism", "4");
        assertThat(scale.exitCode()).isEqualTo(1);
        assertThat(scale.err().strip()).isEqualTo("error: job 'nope' is not enabled (enabled: events)");
    }

    @Test
    void scaleWithoutTheJobFailsClearly() {
        CliRun scale = CliRun.run(MockCluster.provider(client), "scale", "--parallelism", "4");
        assertThat(scale.exitCode()).isEqualTo(1);
        assertThat(scale.err().strip()).isEqualTo(
                "error: FlinkDeployment streaming/streaming-job not found: apply the platform first (k8s apply, or helm install)");
    }

    @Test
    void statusReportsKafkaReadinessLifecycleAndJobState() {
        assertThat(CliRun.run(MockCluster.provider(client), "apply").exitCode()).isZero();

        CliRun before = CliRun.run(MockCluster.provider(client), "status");
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).contains("Kafka streaming/streaming: not ready (no Ready condition yet)")
                .contains("Job events: FlinkDeployment streaming/streaming-job: lifecycle unknown (no status yet), job unknown, parallelism 2");

        // What the operators would write.
        client.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka").inNamespace(NS).withName("streaming")
                .editStatus(k -> {
                    k.setAdditionalProperty("status", Map.of("conditions",
                            List.of(Map.of("type", "Ready", "status", "True"))));
                    return k;
                });
        client.genericKubernetesResources("flink.apache.org/v1beta1", "FlinkDeployment").inNamespace(NS)
                .withName("streaming-job").editStatus(f -> {
                    f.setAdditionalProperty("status", Map.of("lifecycleState", "STABLE",
                            "jobStatus", Map.of("state", "RUNNING")));
                    return f;
                });

        CliRun after = CliRun.run(MockCluster.provider(client), "status");
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("Kafka streaming/streaming: Ready")
                .contains("Job events: FlinkDeployment streaming/streaming-job: lifecycle STABLE, job RUNNING, parallelism 2");
    }

    @Test
    void statusOfAnEmptyNamespaceSaysNotFound() {
        CliRun status = CliRun.run(MockCluster.provider(client), "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("Kafka streaming/streaming: not found")
                .contains("Job events: FlinkDeployment streaming/streaming-job: not found");
    }

    private FlinkDeployment flink() {
        return client.resources(FlinkDeployment.class).inNamespace(NS).withName("streaming-job").get();
    }

}
