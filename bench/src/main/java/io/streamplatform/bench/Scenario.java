package io.streamplatform.bench;

/**
 * A throughput or latency scenario: a copy baseline, Flink passing the records through ({@code flink-copy-*}: what
 * the framework and its Kafka connector cost), or the Flink job; and which baseline a Flink figure is compared to.
 */
enum Scenario {
    COPY_ALO("copy-alo", false, false, false, false, null),
    COPY_TXN("copy-txn", false, false, true, false, null),
    FLINK_COPY_EO("flink-copy-eo", true, true, true, false, COPY_TXN),
    FLINK_COPY_ALO("flink-copy-alo", true, true, false, false, COPY_ALO),
    FLINK_TRANSFORM_EO("flink-transform-eo", true, false, true, false, COPY_TXN),
    FLINK_TRANSFORM_ALO("flink-transform-alo", true, false, false, false, COPY_ALO),
    FLINK_FULL_EO("flink-full-eo", true, false, true, true, COPY_TXN),
    FLINK_FULL_ALO("flink-full-alo", true, false, false, true, COPY_ALO);

    final String label;
    final boolean flink;
    final boolean exactlyOnce;
    final boolean windowCounts;
    final Scenario baseline;
    /** Flink passing bytes through ({@link FlinkCopyJob}) instead of the job. */
    final boolean passThrough;

    Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, boolean windowCounts, Scenario baseline) {
        this.label = label;
        this.flink = flink;
        this.passThrough = passThrough;
        this.exactlyOnce = exactlyOnce;
        this.windowCounts = windowCounts;
        this.baseline = baseline;
    }
}
