package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.streamplatform.k8s.cluster.ClusterConnection;
import java.time.Duration;

/** Where the commands get their Kubernetes client from (the kubeconfig in production, a mock server in tests). */
@FunctionalInterface
public interface ClientProvider {
    /** The returned client is closed by the caller. */
    KubernetesClient connect(String context, Duration timeout);

    ClientProvider KUBECONFIG = ClusterConnection::connect;
}
