package io.streamplatform.k8s.model;

/** The event generator Deployment. */
public record ProducerValues(
        boolean enabled, String image, String imagePullPolicy, int replicas, int rate, int keys, ResourcesValues resources) {
}
