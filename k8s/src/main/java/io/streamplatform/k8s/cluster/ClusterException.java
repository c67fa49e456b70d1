package io.streamplatform.k8s.cluster;

/** A cluster operation failed; the message is one line for the user. */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }
}
