package io.streamplatform.common.grid;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;

/**
 * The {@code grid} job: power-grid sensor readings ({@link Reading}) are parsed, malformed ones dead-lettered, the
 * rest aggregated per substation in tumbling event-time windows ({@link SubstationWindow}) and checked for anomalies —
 * per-reading rules, patterns over a sensor's readings (surges, overloads) and silent sensors — each reported as one
 * episode ({@link io.streamplatform.common.catalogue.Alert}: firing, then resolved).
 */
public final class GridDefinition extends JobDefinition<GridOptions> {
    public static final String NAME = "grid";
    public static final TopicRole INPUT = TopicRole.input("input", "grid-readings", 4, "Sensor readings as JSON, keyed by sensor (the producer writes here).");
    public static final TopicRole AGGREGATES = TopicRole.output("aggregates", "grid-aggregates", 4,
            "Per substation and event-time window: readings and min/avg/max of voltage, current, frequency, temperature.");
    public static final TopicRole ALERTS = TopicRole.output("alerts", "grid-alerts", 4,
            "Anomaly episodes per sensor: one firing and one resolved record each.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "grid-dlq", 1, "Malformed and late readings, as they came in, with the reason.");

    /** Alert kinds: per-reading rules. */
    public static final String OVER_VOLTAGE = "over-voltage";
    public static final String UNDER_VOLTAGE = "under-voltage";
    public static final String FREQUENCY = "frequency";
    public static final String OVER_TEMPERATURE = "over-temperature";
    /** Alert kinds: patterns over a sensor's readings. */
    public static final String VOLTAGE_SURGE = "voltage-surge";
    public static final String OVERLOAD = "overload";
    /** Alert kind: a sensor that stopped reading. */
    public static final String SILENCE = "silence";
    public static final List<String> KINDS = List.of(OVER_VOLTAGE, UNDER_VOLTAGE, FREQUENCY, OVER_TEMPERATURE, VOLTAGE_SURGE, OVERLOAD, SILENCE);

    private final ReadingCodec codec = new ReadingCodec();

    public GridDefinition() {
        super(NAME, "Aggregates power-grid sensor readings per substation and raises alert episodes on out-of-range readings, "
                        + "voltage surges, overloads and silent sensors.",
                "io.streamplatform.job.grid.GridJob", GridOptions::new, List.of(INPUT, AGGREGATES, ALERTS, DLQ));
    }


    /**
     * A longer {@code --idleness} than the default 5 s. Local mode starts the job before the producer, so every
     * partition is idle (no records yet) when the first arrive; the generator's timeline runs many simulated seconds
     * per wall second, so the first partition read could carry event time far past a window before a neighbour's first
     * records come, which would then be late. Waiting 30 s before an empty partition stops holding back the watermark
     * lets every partition start together.
     */
    @Override
    public List<String> localModeArgs() {
        return List.of("--idleness", "30s");
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new GridGenerator(settings);
    }

    @Override
    public synchronized boolean acceptsInput(byte[] value) {
        return codec.parse(value) != null;
    }

    @Override
    public Verifier verifier(GridOptions options, RunFacts run) {
        return new GridVerifier(options, run);
    }
}
