package io.streamplatform.job.transform;

import io.streamplatform.common.Event;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;

/** The seed transformation: the event's text upper-cased; everything else unchanged. */
public final class Normalize implements MapFunction<Event, Event> {
    @Override
    public Event map(Event e) {
        return new Event(e.run, e.seq, e.key, e.ts, e.text.toUpperCase(Locale.ROOT));
    }
}
