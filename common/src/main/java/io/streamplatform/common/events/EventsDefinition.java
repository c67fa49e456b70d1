package io.streamplatform.common.events;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;

/**
 * The {@code events} job: JSON events ({@link Event}) are parsed, malformed ones dead-lettered, the rest normalised
 * (text upper-cased) and counted per key in tumbling event-time windows; late events are dead-lettered too.
 */
public final class EventsDefinition extends JobDefinition<EventsOptions> {
    public static final String NAME = "events";
    public static final TopicRole INPUT = TopicRole.input("input", "events", 4, "Raw JSON events (the producer writes here).");
    public static final TopicRole OUTPUT = TopicRole.output("output", "events-normalized", 4, "Normalised events, one per valid input event.");
    public static final TopicRole COUNTS = TopicRole.output("counts", "event-counts", 4, "Per-key counts of each event-time window.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "events-dlq", 1, "Malformed and late records, as they came in, with the reason.");
    private static final EventCodec CODEC = new EventCodec();

    public EventsDefinition() {
        super(NAME, "Parses JSON events, dead-letters malformed ones, normalises the rest and counts them per key in event-time windows.",
                "io.streamplatform.job.events.EventsJob", EventsOptions::new, List.of(INPUT, OUTPUT, COUNTS, DLQ));
    }

    /** Windows of 5 s, so a run of a few seconds in local mode checks several per key. */
    @Override
    public List<String> localModeArgs() {
        return List.of("--window", "5s");
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new EventsGenerator(settings);
    }

    @Override
    public boolean acceptsInput(byte[] value) {
        return CODEC.parse(value).isValid();
    }

    @Override
    public Verifier verifier(EventsOptions options, RunFacts run) {
        return new EventsVerifier(options, run);
    }
}
