package io.streamplatform.k8s.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies rendered objects. Each object is applied with server-side apply (field manager
 * {@value #FIELD_MANAGER}, conflicts forced), which is what {@code kubectl apply --server-side} does on a real cluster.
 * An API server that does not accept apply patches (HTTP 415, e.g. the fabric8 mock server used in the tests) gets
 * create-or-update instead, for that and all later objects; so does an object whose apply answers 404 (the mock, for
 * objects that do not exist yet; a real cluster only when the kind is unknown, which create then reports). The namespace is created first
 * when missing (like {@code helm install --create-namespace}).
 */
public final class Applier {
    public static final String FIELD_MANAGER = "streaming-platform";

    private final KubernetesClient client;
    private final Consumer<String> progress;
    private boolean serverSideApply = true;

    /** {@code progress} receives one line per object applied. */
    public Applier(KubernetesClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    public void apply(String namespace, List<HasMetadata> objects) {
        ensureNamespace(namespace);
        for (HasMetadata object : objects) {
            String what = "applying " + describe(object);
            ClusterConnection.call(client, what, () -> applyOne(object));
            progress.accept(describe(object) + " applied");
        }
    }

    private void ensureNamespace(String namespace) {
        boolean exists = ClusterConnection.call(client, "reading namespace " + namespace,
                () -> client.namespaces().withName(namespace).get() != null);
        if (!exists) {
            ClusterConnection.call(client, "creating namespace " + namespace, () -> client.namespaces()
                    .resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create());
            progress.accept("namespace/" + namespace + " created");
        }
    }

    private HasMetadata applyOne(HasMetadata object) {
        if (serverSideApply) {
            try {
                return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 415) {
                    serverSideApply = false; // the server does not take apply patches: create-or-update from now on
                } else if (e.getCode() != 404) {
                    throw e;
                }
                // 404: the kind is unknown (checked below), or a server that cannot apply to a missing object.
            }
        }
        try {
            return client.resource(object).createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && !isBuiltIn(object)) {
                throw new ClusterException("the cluster does not know " + object.getKind() + " ("
                        + object.getApiVersion() + "): install its operator (and CRDs) first, see README.md, \"Run on kind\"");
            }
            throw e;
        }
    }

    private static boolean isBuiltIn(HasMetadata object) {
        String apiVersion = object.getApiVersion();
        return !apiVersion.contains(".") || apiVersion.contains("k8s.io/");
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
