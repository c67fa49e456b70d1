package io.streamplatform.k8s.model;

/** A Kafka listener (Strimzi GenericKafkaListener). */
public record ListenerValues(String name, int port, String type, boolean tls) {
}
