package io.streamplatform.k8s.model;

/** Container requests and limits. */
public record ResourcesValues(Amounts requests, Amounts limits) {

    /** CPU and memory as Kubernetes quantities (e.g. {@code 250m}, {@code 1Gi}). */
    public record Amounts(String cpu, String memory) {
    }
}
