package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Rescales the job by changing only {@code spec.job.parallelism} of the FlinkDeployment (a JSON merge patch, the
 * same as {@code kubectl patch --type=merge}); the Flink operator then upgrades the job with the configured upgrade
 * mode (a savepoint by default).
 */
public final class Scaler {
    private final KubernetesClient client;

    public Scaler(KubernetesClient client) {
        this.client = client;
    }

    /** Returns the previous parallelism. */
    public int scale(String namespace, String name, int parallelism) {
        if (parallelism < 1) {
            throw new ClusterException("--parallelism must be at least 1, got " + parallelism);
        }
        var resource = client.resources(FlinkDeployment.class).inNamespace(namespace).withName(name);
        FlinkDeployment current = ClusterConnection.call(client, "reading FlinkDeployment " + namespace + "/" + name,
                resource::get);
        if (current == null) {
            throw new ClusterException("FlinkDeployment " + namespace + "/" + name
                    + " not found: apply the platform first (k8s apply, or helm install)");
        }
        int previous = current.getSpec().getJob().getParallelism();
        ClusterConnection.call(client, "patching FlinkDeployment " + namespace + "/" + name,
                () -> resource.patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch(parallelism)));
        return previous;
    }

    /** The merge patch that changes only the parallelism. */
    public static String mergePatch(int parallelism) {
        return "{\"spec\":{\"job\":{\"parallelism\":" + parallelism + "}}}";
    }
}
