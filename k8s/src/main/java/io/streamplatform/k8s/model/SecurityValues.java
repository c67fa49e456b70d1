package io.streamplatform.k8s.model;

/**
 * Access to Kafka and the pods' privileges. On: the apps and the jobs use the first TLS listener, with SCRAM-SHA-512, as
 * a {@code KafkaUser} each with only the ACLs it needs, Kafka authorizes every request, and the pods run under the
 * "restricted" Pod Security Standard; plain listeners are served only with {@code plainListener}. Off: the first plain
 * listener, no authentication, default pod privileges.
 */
public record SecurityValues(boolean enabled, boolean plainListener) {

    /** Whether a listener of the values is served: every one with security off; with it on, TLS ones and, if asked, plain ones. */
    public boolean serves(ListenerValues listener) {
        return !enabled || listener.tls() || plainListener;
    }
}
