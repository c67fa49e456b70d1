package io.streamplatform.bench;

import io.streamplatform.common.catalogue.JobDefinition;
import java.util.List;

/**
 * A throughput or latency scenario: a copy baseline, Flink passing the records through ({@code flink-copy-*}: what
 * the framework and its Kafka connector cost), or the benchmarked catalogue job (whole, or as a lighter variant
 * given by its own options); and which baseline a Flink figure is compared to.
 */
enum Scenario {
    COPY_ALO("copy-alo", false, false, false, List.of(), null),
    COPY_TXN("copy-txn", false, false, true, List.of(), null),
    FLINK_COPY_EO("flink-copy-eo", true, true, true, List.of(), COPY_TXN),
    FLINK_COPY_ALO("flink-copy-alo", true, true, false, List.of(), COPY_ALO),
    /** The job without its analytics path: for a job that has {@code --window-counts} (events). */
    FLINK_TRANSFORM_EO("flink-transform-eo", true, false, true, List.of("--no-window-counts"), COPY_TXN),
    FLINK_TRANSFORM_ALO("flink-transform-alo", true, false, false, List.of("--no-window-counts"), COPY_ALO),
    FLINK_FULL_EO("flink-full-eo", true, false, true, List.of(), COPY_TXN),
    /**
     * The whole job exactly-once on a Flink runtime that reports every metric through its Prometheus reporter, scraped
     * during the run: compared with {@link #FLINK_FULL_EO} of the same round, it is the reporter's overhead.
     */
    FLINK_FULL_EO_METRICS("flink-full-eo-metrics", true, false, true, List.of(), FLINK_FULL_EO, true),
    FLINK_FULL_ALO("flink-full-alo", true, false, false, List.of(), COPY_ALO);

    final String label;
    final boolean flink;
    final boolean exactlyOnce;
    /** Options given to the job in this scenario, after the benchmark's own. */
    final List<String> jobArgs;
    final Scenario baseline;
    /** Flink passing bytes through ({@link FlinkCopyJob}) instead of the job. */
    final boolean passThrough;
    /** Runs on the Flink runtime with the Prometheus reporter, scraped while the job runs ({@code metrics} group). */
    final boolean metrics;

    Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, List<String> jobArgs, Scenario baseline) {
        this(label, flink, passThrough, exactlyOnce, jobArgs, baseline, false);
    }

    Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, List<String> jobArgs, Scenario baseline,
             boolean metrics) {
        this.metrics = metrics;
        this.label = label;
        this.flink = flink;
        this.passThrough = passThrough;
        this.exactlyOnce = exactlyOnce;
        this.jobArgs = jobArgs;
        this.baseline = baseline;
    }

    /** Whether the job takes this scenario's options (the transform variant needs {@code --window-counts}). */
    boolean appliesTo(JobDefinition<?> job) {
        try {
            job.parse(jobArgs);
            return true;
        } catch (picocli.CommandLine.ParameterException e) {
            return false;
        }
    }

    /** The at-least-once scenario's exactly-once twin (same work, same round), whose output it must at least hold. */
    Scenario exactlyOnceTwin() {
        return switch (this) {
            case FLINK_COPY_ALO -> FLINK_COPY_EO;
            case FLINK_TRANSFORM_ALO -> FLINK_TRANSFORM_EO;
            case FLINK_FULL_ALO -> FLINK_FULL_EO;
            default -> null;
        };
    }
}
