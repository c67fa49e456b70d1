package io.streamplatform.k8s.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.streamplatform.k8s.cli.ClientProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers for the fabric8 mock API server (CRUD mode) standing in for a cluster. */
public final class MockCluster {
    private MockCluster() {
    }

    /** Loads the Strimzi (generated) and Flink (operator-api jar) CRDs into the mock server. */
    public static void installCrds(KubernetesClient client) {
        try {
            for (Path file : CrdSchemas.strimziCrdFiles()) {
                try (InputStream in = Files.newInputStream(file)) {
                    create(client, client.apiextensions().v1().customResourceDefinitions().load(in).item());
                }
            }
            try (InputStream in = CrdSchemas.flinkCrd()) {
                create(client, client.apiextensions().v1().customResourceDefinitions().load(in).item());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(KubernetesClient client, CustomResourceDefinition crd) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    /** Gives the CLI its own client to the mock server each time (the CLI closes the clients it gets). */
    public static ClientProvider provider(KubernetesClient mockClient) {
        return (context, timeout) -> new KubernetesClientBuilder().withConfig(mockClient.getConfiguration()).build();
    }
}
