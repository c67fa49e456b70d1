package io.streamplatform.k8s.model;

/** The Deployment generating one job's input with that job's generator. */
public record ProducerValues(
        boolean enabled, String job, String image, String imagePullPolicy, int replicas, int rate, int keys, ResourcesValues resources) {
}
