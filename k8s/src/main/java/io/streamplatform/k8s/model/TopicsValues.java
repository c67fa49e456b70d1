package io.streamplatform.k8s.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four topics of the pipeline, by role. */
public record TopicsValues(TopicValues input, TopicValues output, TopicValues counts, TopicValues dlq) {

    public List<TopicValues> all() {
        return List.copyOf(byRole().values());
    }

    /** The topics keyed by their role (the key under {@code topics} in the values). */
    public Map<String, TopicValues> byRole() {
        Map<String, TopicValues> roles = new LinkedHashMap<>();
        roles.put("input", input);
        roles.put("output", output);
        roles.put("counts", counts);
        roles.put("dlq", dlq);
        return roles;
    }

    /** One KafkaTopic. */
    public record TopicValues(String name, int partitions, int replicas, Map<String, Object> config) {
    }
}
