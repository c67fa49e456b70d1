package io.streamplatform.k8s.model;

/**
 * The typed platform model: one object per values file (same structure as {@code helm/streaming-platform/values.yaml}).
 * Built only by {@link ValuesLoader}, which merges the chart's defaults, values files and {@code --set} overrides and
 * then validates the result.
 */
public record PlatformValues(
        String name,
        String namespace,
        KafkaValues kafka,
        TopicsValues topics,
        FlinkValues flink,
        ProducerValues producer,
        ConsumerValues consumer) {

    /** In-cluster bootstrap address of the first (plain) listener. */
    public String bootstrapAddress() {
        return kafka.name() + "-kafka-bootstrap." + namespace + ".svc:" + kafka.listeners().get(0).port();
    }

    /** Name of the service account (and its Role/RoleBinding) used by the Flink pods. */
    public String flinkServiceAccount() {
        return name + "-flink";
    }
}
