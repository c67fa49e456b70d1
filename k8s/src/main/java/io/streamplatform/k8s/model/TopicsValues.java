package io.streamplatform.k8s.model;

import java.util.List;
import java.util.Map;

/** The four topics of the pipeline, by role. */
public record TopicsValues(TopicValues input, TopicValues output, TopicValues counts, TopicValues dlq) {

    public List<TopicValues> all() {
        return List.of(input, output, counts, dlq);
    }

    /** One KafkaTopic. */
    public record TopicValues(String name, int partitions, int replicas, Map<String, Object> config) {
    }
}
