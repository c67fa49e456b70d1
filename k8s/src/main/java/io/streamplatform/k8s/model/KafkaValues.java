package io.streamplatform.k8s.model;

import java.util.List;
import java.util.Map;

/** Strimzi Kafka cluster in KRaft mode: one node pool whose nodes are controllers and brokers. */
public record KafkaValues(
        String name,
        String version,
        int replicas,
        String nodePool,
        StorageValues storage,
        List<ListenerValues> listeners,
        Map<String, Object> config,
        ResourcesValues resources) {

    /** Replication factor of internal and default topics: min(3, replicas). */
    public int replicationFactor() {
        return Math.min(3, replicas);
    }

    /** Minimum in-sync replicas: replication factor - 1, at least 1. */
    public int minInSyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }
}
