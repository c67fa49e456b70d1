package io.streamplatform.k8s.model;

/** The Deployment printing one job's first output topic. */
public record ConsumerValues(boolean enabled, String job, String image, String imagePullPolicy, int replicas, ResourcesValues resources) {
}
