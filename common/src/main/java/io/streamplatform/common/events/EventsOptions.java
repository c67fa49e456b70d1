package io.streamplatform.common.events;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The events job's own options, after the shared ones. */
public final class EventsOptions extends JobOptions {
    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Tumbling event-time window of the per-key counts.")
    public Duration window;

    @Option(names = "--window-counts", negatable = true, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Run the analytics path (per-key window counts); --no-window-counts runs only parse → normalise.")
    public boolean windowCounts;

    @Override
    protected void validateJob(Problems p) {
        p.check(positive(window), "--window must be > 0");
    }
}
