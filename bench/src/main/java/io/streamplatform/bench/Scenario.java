package io.streamplatform.bench;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.events.EventsDefinition;
import java.util.List;

/**
 * A throughput or latency scenario: a copy baseline, Flink passing the records through ({@code flink-copy-*}: what
 * the framework and its Kafka connector cost), the benchmarked catalogue job (whole, or as a lighter variant
 * given by its own options), or the events job on Kafka Streams ({@code kstreams-*}); and which baseline a job
 * figure is compared to. A scenario of an opt-in group
 * ({@code metrics}, {@code secure}) is its baseline run in another setting, compared with it in the same round.
 */
enum Scenario {
    COPY_ALO("copy-alo", false, false, false, List.of(), null),
    COPY_TXN("copy-txn", false, false, true, List.of(), null),
    /** The transactional copy against the secured broker: SCRAM users over TLS, ACLs. */
    COPY_TXN_SECURE("copy-txn-secure", false, false, true, List.of(), COPY_TXN, Group.SECURE),
    FLINK_COPY_EO("flink-copy-eo", true, true, true, List.of(), COPY_TXN, Group.BREAKDOWN),
    FLINK_COPY_ALO("flink-copy-alo", true, true, false, List.of(), COPY_ALO, Group.BREAKDOWN),
    /** The job without its analytics path: for a job that has {@code --window-counts} (events). */
    FLINK_TRANSFORM_EO("flink-transform-eo", true, false, true, List.of("--no-window-counts"), COPY_TXN, Group.BREAKDOWN),
    FLINK_TRANSFORM_ALO("flink-transform-alo", true, false, false, List.of("--no-window-counts"), COPY_ALO, Group.BREAKDOWN),
    FLINK_FULL_EO("flink-full-eo", true, false, true, List.of(), COPY_TXN),
    /**
     * The whole job exactly-once on a Flink runtime that reports every metric through its Prometheus reporter, scraped
     * during the run: compared with {@link #FLINK_FULL_EO} of the same round, it is the reporter's overhead.
     */
    FLINK_FULL_EO_METRICS("flink-full-eo-metrics", true, false, true, List.of(), FLINK_FULL_EO, Group.METRICS),
    /** The whole job exactly-once against the secured broker, as its own SCRAM user over TLS with only its ACLs. */
    FLINK_FULL_EO_SECURE("flink-full-eo-secure", true, false, true, List.of(), FLINK_FULL_EO, Group.SECURE),
    FLINK_FULL_ALO("flink-full-alo", true, false, false, List.of(), COPY_ALO),
    /**
     * The events job on Kafka Streams ({@link KStreamsEventsJob}), exactly-once v2: the peer a team would pick instead,
     * compared with {@link #FLINK_FULL_EO} in the same round (Flink ÷ Kafka Streams).
     */
    KSTREAMS_FULL_EO("kstreams-full-eo", FLINK_FULL_EO),
    KSTREAMS_FULL_ALO("kstreams-full-alo", FLINK_FULL_ALO);

    /** The {@code --scenarios} group that runs a scenario (a baseline of another group's scenario runs with it too). */
    enum Group {
        THROUGHPUT, BREAKDOWN, METRICS, SECURE;

        /** As {@code --scenarios} spells it. */
        String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String label;
    final boolean flink;
    final boolean exactlyOnce;
    /** Options given to the job in this scenario, after the benchmark's own. */
    final List<String> jobArgs;
    final Scenario baseline;
    /** Flink passing bytes through ({@link FlinkCopyJob}) instead of the job. */
    final boolean passThrough;
    /** The {@code --scenarios} group that runs it. */
    final Group group;
    /** Runs on the Flink runtime with the Prometheus reporter, scraped while the job runs ({@code metrics} group). */
    final boolean metrics;
    /** Runs against the secured broker ({@code secure} group). */
    final boolean secure;
    /** The Flink scenario whose work this Kafka Streams scenario does (null for the others). */
    final Scenario flinkTwin;

    Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, List<String> jobArgs, Scenario baseline) {
        this(label, flink, passThrough, exactlyOnce, jobArgs, baseline, Group.THROUGHPUT);
    }

    Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, List<String> jobArgs, Scenario baseline,
             Group group) {
        this(label, flink, passThrough, exactlyOnce, jobArgs, baseline, group, null);
    }

    /** The events job on Kafka Streams doing {@code flinkTwin}'s work, against the same baseline. */
    Scenario(String label, Scenario flinkTwin) {
        this(label, false, false, flinkTwin.exactlyOnce, flinkTwin.jobArgs, flinkTwin.baseline, Group.THROUGHPUT, flinkTwin);
    }

    private Scenario(String label, boolean flink, boolean passThrough, boolean exactlyOnce, List<String> jobArgs, Scenario baseline,
                     Group group, Scenario flinkTwin) {
        this.flinkTwin = flinkTwin;
        this.group = group;
        this.metrics = group == Group.METRICS;
        this.secure = group == Group.SECURE;
        this.label = label;
        this.flink = flink;
        this.passThrough = passThrough;
        this.exactlyOnce = exactlyOnce;
        this.jobArgs = jobArgs;
        this.baseline = baseline;
    }

    /** Whether this scenario is its baseline in another setting (the metrics or secure group's), rather than other work. */
    boolean variant() {
        return metrics || secure;
    }

    /** Runs the events job on Kafka Streams. */
    boolean kstreams() {
        return flinkTwin != null;
    }

    /** Runs the benchmarked job (on Flink or Kafka Streams), writing its topics; not a copy. */
    boolean runsJob() {
        return flink && !passThrough || kstreams();
    }

    /**
     * Whether the job takes this scenario's options (the transform variant needs {@code --window-counts}); the Kafka
     * Streams scenarios run the events job only.
     */
    boolean appliesTo(JobDefinition<?> job) {
        if (kstreams() && !job.name().equals(EventsDefinition.NAME)) return false;
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
            case KSTREAMS_FULL_ALO -> KSTREAMS_FULL_EO;
            default -> null;
        };
    }
}
