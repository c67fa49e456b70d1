package io.streamplatform.common.logs;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;

/**
 * The {@code logs} job: access-log lines (combined format or JSON, {@link LogParser}) summarised per service and
 * event-time window ({@link ServiceWindow}), with error-rate and latency alerts ({@link io.streamplatform.common.catalogue.Alert})
 * when a service stays above a threshold for several windows.
 */
public final class LogsDefinition extends JobDefinition<LogsOptions> {
    public static final String NAME = "logs";
    public static final TopicRole INPUT = TopicRole.input("input", "access-logs", 4,
            "Access-log lines, combined format (service = record key) or JSON.");
    public static final TopicRole WINDOWS = TopicRole.output("windows", "service-windows", 4,
            "Per service and window: requests, status classes, error rate, latency percentiles, top error paths.");
    public static final TopicRole ALERTS = TopicRole.output("alerts", "service-alerts", 1,
            "Error-rate and latency alerts: one firing and one resolved record per episode.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "access-logs-dlq", 1,
            "Lines that are not access logs or have an impossible field, and late lines, with the reason.");
    /** Alert kinds. */
    public static final String ERROR_RATE = "error-rate";
    public static final String LATENCY = "latency";

    public LogsDefinition() {
        super(NAME, "Summarises access logs (combined or JSON) per service and minute and alerts on sustained 5xx rates and p99 latency.",
                "io.streamplatform.job.logs.LogsJob", LogsOptions::new, List.of(INPUT, WINDOWS, ALERTS, DLQ));
    }

    /**
     * A longer {@code --idleness} than the default 5 s, for the reason the grid job gives: the generator's timeline
     * runs many simulated seconds per wall second, so with every partition idle before the producer starts, the first
     * partition read could carry event time past a window before its neighbours' first lines arrive.
     */
    @Override
    public List<String> localModeArgs() {
        return List.of("--idleness", "30s");
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new LogsGenerator(settings);
    }

    @Override
    public boolean acceptsInput(byte[] value) {
        return new LogParser(Integer.MAX_VALUE).parse(null, value) != null;
    }

    @Override
    public Verifier verifier(LogsOptions options, RunFacts run) {
        return new LogsVerifier(options, run);
    }
}
