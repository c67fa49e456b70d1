package io.streamplatform.k8s.model;

import java.util.List;
import java.util.Map;

/**
 * The typed platform model: one object per values file (same structure as {@code helm/streaming-platform/values.yaml}),
 * plus the namespace the objects go to (Helm's release namespace, {@code k8s.jar -n}). Built only by {@link ValuesLoader},
 * which merges the chart's defaults, values files and {@code --set} overrides, validates them against the chart's
 * schema and checks what the schema cannot express.
 */
public record PlatformValues(
        String name,
        String namespace,
        SecurityValues security,
        KafkaValues kafka,
        FlinkValues flink,
        ProducerValues producer,
        ConsumerValues consumer,
        MonitoringValues monitoring,
        Map<String, JobValues> jobs) {

    /** In-cluster bootstrap address of the listener the apps and the jobs use. */
    public String bootstrapAddress() {
        return kafka.name() + "-kafka-bootstrap." + namespace + ".svc:" + clientListener().port();
    }

    /**
     * The listener the apps and the jobs use: the first TLS one with security on, else the first plain one ({@link
     * ValuesChecks} makes sure there is one).
     */
    public ListenerValues clientListener() {
        return kafka.listeners().stream().filter(l -> l.tls() == security.enabled()).findFirst()
                .orElseThrow(() -> new ValuesException(ValuesChecks.noClientListener(security.enabled())));
    }

    /** Name of the service account (and its Role/RoleBinding) used by the Flink pods. */
    public String flinkServiceAccount() {
        return name + "-flink";
    }

    /** The enabled jobs in name order (the order Helm ranges over them). */
    public List<String> enabledJobs() {
        return jobs.entrySet().stream().filter(e -> e.getValue().enabled()).map(Map.Entry::getKey).sorted().toList();
    }

    /** The name of a job's FlinkDeployment: its own, or {@code <name>-<job>}. */
    public String deploymentName(String job) {
        String own = jobs.get(job).deployment();
        return own.isEmpty() ? name + "-" + job : own;
    }
}
