package io.streamplatform.bench;

/**
 * A throughput or latency scenario: a copy baseline, Flink passing the records through ({@code flink-copy-*}: what
 * the framework and its Kafka connector cost), or the Flink job; and which baseline a Flink figure is compared to.
 */
enum Scenario {
    COPY_ALO("copy-alo", false, false, false, null),
    COPY_TXN("copy-txn", false, true, false, null),
    FLINK_COPY_EO("flink-copy-eo", true, true, false, COPY_TXN),
    FLINK_COPY_ALO("flink-copy-alo", true, false, false, COPY_ALO),
    FLINK_TRANSFORM_EO("flink-transform-eo", true, true, false, COPY_TXN),
    FLINK_TRANSFORM_ALO("flink-transform-alo", true, false, false, COPY_ALO),
    FLINK_FULL_EO("flink-full-eo", true, true, true, COPY_TXN),
    FLINK_FULL_ALO("flink-full-alo", true, false, true, COPY_ALO);

    final String label;
    final boolean flink;
    final boolean exactlyOnce;
    final boolean windowCounts;
    final Scenario baseline;
    final boolean passThrough = name().startsWith("FLINK_COPY");

    Scenario(String label, boolean flink, boolean exactlyOnce, boolean windowCounts, Scenario baseline) {
        this.label = label;
        this.flink = flink;
        this.exactlyOnce = exactlyOnce;
        this.windowCounts = windowCounts;
        this.baseline = baseline;
    }
}
