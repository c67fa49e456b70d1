package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.streamplatform.k8s.model.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/** Connects to the current kubeconfig context (or a named one) with bounded timeouts and no retries. */
public final class ClusterConnection {
    private ClusterConnection() {
    }

    public static KubernetesClient connect(String context, Duration timeout) {
        Config config = Config.autoConfigure(context);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        config.setRequestRetryBackoffLimit(0);
        config.setWatchReconnectLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * Runs one call against the API server, turning transport failures into "cannot reach" and API errors into a
     * one-line {@link ClusterException}.
     */
    public static <T> T call(KubernetesClient client, String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            Throwable io = rootIo(e);
            if (io != null) {
                throw new ClusterException("cannot reach the Kubernetes API server at " + client.getMasterUrl()
                        + " (" + (io.getMessage() == null ? io.getClass().getSimpleName() : Messages.oneLine(io.getMessage()))
                        + "); is a cluster running and the kubeconfig context right?");
            }
            String status = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage();
            throw new ClusterException(what + " failed (HTTP " + e.getCode() + "): " + Messages.oneLine(status));
        }
    }

    private static Throwable rootIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                return t;
            }
        }
        return null;
    }
}
