package io.streamplatform.k8s.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.streamplatform.k8s.cli.ClientProvider;
import java.io.UncheckedIOException;

/** Helpers for the fabric8 mock API server (CRUD mode) standing in for a cluster. */
public final class MockCluster {
    private MockCluster() {
    }

    /** Loads the Strimzi (generated) and Flink (operator-api jar) CRDs into the mock server. */
    public static void installCrds(KubernetesClient client) {
        for (JsonNode crd : CrdSchemas.all()) {
            try {
                CustomResourceDefinition definition = Manifests.YAML.treeToValue(crd, CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Gives the CLI its own client to the mock server each time (the CLI closes the clients it gets). */
    public static ClientProvider provider(KubernetesClient mockClient) {
        return (context, timeout) -> new KubernetesClientBuilder().withConfig(mockClient.getConfiguration()).build();
    }
}
