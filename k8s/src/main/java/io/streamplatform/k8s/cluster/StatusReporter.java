package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.status.FlinkDeploymentStatus;

/** Reads the Kafka cluster's readiness and the FlinkDeployment's lifecycle and job state. */
public final class StatusReporter {
    private final KubernetesClient client;

    public StatusReporter(KubernetesClient client) {
        this.client = client;
    }

    /** The platform's state as shown by {@code status}. */
    public record PlatformStatus(String kafka, String flinkLifecycle, String jobState, Integer parallelism) {
        public List<String> lines(String namespace, String kafkaName, String flinkName) {
            List<String> lines = new ArrayList<>();
            lines.add("Kafka " + namespace + "/" + kafkaName + ": " + kafka);
            lines.add("FlinkDeployment " + namespace + "/" + flinkName + ": lifecycle " + flinkLifecycle
                    + ", job " + jobState + (parallelism == null ? "" : ", parallelism " + parallelism));
            return lines;
        }
    }

    public PlatformStatus status(String namespace, String kafkaName, String flinkName) {
        GenericKubernetesResource kafka = ClusterConnection.call(client, "reading Kafka " + namespace + "/" + kafkaName,
                () -> client.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka")
                        .inNamespace(namespace).withName(kafkaName).get());
        FlinkDeployment flink = ClusterConnection.call(client,
                "reading FlinkDeployment " + namespace + "/" + flinkName,
                () -> client.resources(FlinkDeployment.class).inNamespace(namespace).withName(flinkName).get());
        return new PlatformStatus(kafkaReadiness(kafka), lifecycle(flink), jobState(flink),
                flink == null || flink.getSpec() == null || flink.getSpec().getJob() == null
                        ? null : flink.getSpec().getJob().getParallelism());
    }

    static String kafkaReadiness(GenericKubernetesResource kafka) {
        if (kafka == null) {
            return "not found";
        }
        Object status = kafka.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> map && map.get("conditions") instanceof List<?> conditions) {
            for (Object c : conditions) {
                if (c instanceof Map<?, ?> condition && "Ready".equals(condition.get("type"))) {
                    return "True".equals(condition.get("status")) ? "Ready"
                            : "not ready (" + condition.get("reason") + ": " + condition.get("message") + ")";
                }
            }
        }
        return "not ready (no Ready condition yet)";
    }

    private static String lifecycle(FlinkDeployment flink) {
        if (flink == null) {
            return "not found";
        }
        FlinkDeploymentStatus status = flink.getStatus();
        return status == null || status.getLifecycleState() == null ? "unknown (no status yet)"
                : status.getLifecycleState().name();
    }

    private static String jobState(FlinkDeployment flink) {
        if (flink == null || flink.getStatus() == null || flink.getStatus().getJobStatus() == null
                || flink.getStatus().getJobStatus().getState() == null) {
            return "unknown";
        }
        return flink.getStatus().getJobStatus().getState().name();
    }
}
