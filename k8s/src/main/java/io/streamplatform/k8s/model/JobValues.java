package io.streamplatform.k8s.model;

import java.util.Map;

/**
 * One job of the catalogue as deployed: {@code jobs.<name>} in the values. Its options are the job's own
 * command-line options without the leading dashes.
 */
public record JobValues(
        boolean enabled,
        String deployment,
        int parallelism,
        int taskSlots,
        String upgradeMode,
        FlinkResource jobManager,
        FlinkResource taskManager,
        Map<String, TopicValues> topics,
        Map<String, Object> options) {

    /** CPU (cores) and memory (Flink memory size, e.g. {@code 1024m}) of a JobManager or TaskManager pod. */
    public record FlinkResource(double cpu, String memory) {
    }
}
