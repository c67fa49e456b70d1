package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Reads the Kafka cluster's readiness and the FlinkDeployments' lifecycle and job state. */
public final class StatusReporter {
    private final KubernetesClient client;

    public StatusReporter(KubernetesClient client) {
        this.client = client;
    }

    /** The Kafka cluster's readiness. */
    public String kafka(String namespace, String name) {
        return kafkaReadiness(get("kafka.strimzi.io/v1", "Kafka", namespace, name));
    }

    /** A FlinkDeployment's lifecycle state, job state and parallelism, as the operator reports them. */
    public String flink(String namespace, String name) {
        GenericKubernetesResource flink = get("flink.apache.org/v1beta1", "FlinkDeployment", namespace, name);
        if (flink == null) {
            return "not found";
        }
        Object parallelism = field(flink, "spec", "job", "parallelism");
        Object lifecycle = field(flink, "status", "lifecycleState");
        Object job = field(flink, "status", "jobStatus", "state");
        return "lifecycle " + (lifecycle == null ? "unknown (no status yet)" : lifecycle) + ", job " + (job == null ? "unknown" : job)
                + (parallelism instanceof Number n ? ", parallelism " + n.intValue() : "");
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
