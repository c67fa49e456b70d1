package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        GenericKubernetesResource kafka = get("kafka.strimzi.io/v1", "Kafka", namespace, kafkaName);
        GenericKubernetesResource flink = get("flink.apache.org/v1beta1", "FlinkDeployment", namespace, flinkName);
        if (flink == null) {
            return new PlatformStatus(kafkaReadiness(kafka), "not found", "unknown", null);
        }
        Object parallelism = field(flink, "spec", "job", "parallelism");
        Object lifecycle = field(flink, "status", "lifecycleState");
        Object job = field(flink, "status", "jobStatus", "state");
        return new PlatformStatus(kafkaReadiness(kafka),
                lifecycle == null ? "unknown (no status yet)" : lifecycle.toString(),
                job == null ? "unknown" : job.toString(),
                parallelism instanceof Number n ? n.intValue() : null);
    }

    private GenericKubernetesResource get(String apiVersion, String kind, String namespace, String name) {
        return ClusterConnection.call(client, "reading " + kind + " " + namespace + "/" + name,
                () -> client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).get());
    }

    /** A nested field of the resource as the API server returned it (status is written by the operators). */
    private static Object field(GenericKubernetesResource resource, String top, String... path) {
        Object current = resource.getAdditionalProperties().get(top);
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static String kafkaReadiness(GenericKubernetesResource kafka) {
        if (kafka == null) {
            return "not found";
        }
        Object conditions = field(kafka, "status", "conditions");
        if (conditions instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> condition && "Ready".equals(condition.get("type"))) {
                    return "True".equals(condition.get("status")) ? "Ready"
                            : "not ready (" + condition.get("reason") + ": " + condition.get("message") + ")";
                }
            }
        }
        return "not ready (no Ready condition yet)";
    }
}
