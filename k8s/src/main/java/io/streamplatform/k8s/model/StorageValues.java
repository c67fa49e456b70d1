package io.streamplatform.k8s.model;

/** Broker storage: {@code ephemeral} (emptyDir) or {@code persistent-claim} (PVC). */
public record StorageValues(String type, String size, String storageClass, boolean deleteClaim) {
    public static final String EPHEMERAL = "ephemeral";
    public static final String PERSISTENT = "persistent-claim";

    public boolean persistent() {
        return PERSISTENT.equals(type);
    }
}
