package io.streamplatform.common.logs;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The logs job's own options, after the shared ones. */
public final class LogsOptions extends JobOptions {
    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "Tumbling event-time window of the per-service summaries.")
    public Duration window;

    @Option(names = "--top-paths", paramLabel = "N", defaultValue = "5",
            description = "How many of the paths with most 5xx responses each summary lists.")
    public int topPaths;

    @Option(names = "--error-rate-threshold", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "An error-rate alert fires when the 5xx share of a service's requests is above this for --alert-windows windows in a row.")
    public double errorRateThreshold;

    @Option(names = "--latency-threshold", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.Converter.class,
            description = "A latency alert fires when a service's p99 latency is above this for --alert-windows windows in a row.")
    public Duration latencyThreshold;

    @Option(names = "--alert-windows", paramLabel = "N", defaultValue = "3",
            description = "Consecutive windows above a threshold before an alert fires; one window back below resolves it.")
    public int alertWindows;

    @Option(names = "--min-requests", paramLabel = "N", defaultValue = "20",
            description = "A window with fewer requests never counts as above a threshold (too few to judge).")
    public int minRequests;

    @Override
    protected void validateJob(Problems p) {
        p.check(positive(window), "--window must be > 0");
        p.check(topPaths >= 0, "--top-paths must be >= 0");
        p.check(errorRateThreshold >= 0 && errorRateThreshold < 1, "--error-rate-threshold must be in [0, 1)");
        p.check(positive(latencyThreshold), "--latency-threshold must be > 0");
        p.check(alertWindows >= 1, "--alert-windows must be >= 1");
        p.check(minRequests >= 1, "--min-requests must be >= 1");
    }
}
