package io.streamplatform.k8s.model;

import java.util.Map;

/** One KafkaTopic of a job. */
public record TopicValues(String name, int partitions, int replicas, Map<String, Object> config) {
}
