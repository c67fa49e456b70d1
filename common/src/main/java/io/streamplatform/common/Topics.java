package io.streamplatform.common;

/** Default topic names, shared by the job, the apps, the local mode and the Kubernetes manifests. */
public final class Topics {
    public static final String INPUT = "events";
    public static final String NORMALIZED = "events-normalized";
    public static final String WINDOW_COUNTS = "event-counts";
    public static final String DEAD_LETTER = "events-dlq";

    private Topics() {}
}
