package io.streamplatform.k8s.model;

/** The Deployment printing the normalised output. */
public record ConsumerValues(boolean enabled, String image, String imagePullPolicy, int replicas, ResourcesValues resources) {
}
