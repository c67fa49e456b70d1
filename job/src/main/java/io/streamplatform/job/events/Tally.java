package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;

/**
 * What the window counts are summed from: a partial count of one key's events in one window, pre-aggregated
 * before the key-by, or one event passed on as itself (when it may be late, so that a late event is
 * dead-lettered as the event). A Flink POJO.
 */
public final class Tally {
    public String key;
    public long count;
    /** Start of the window of a partial count. */
    public long windowStart;
    /** The event itself when this tally is one event passed on as is; null for a partial count. */
    public Event event;

    public Tally() {}

    static Tally partial(String key, long windowStart, long count) {
        Tally t = new Tally();
        t.key = key;
        t.windowStart = windowStart;
        t.count = count;
        return t;
    }

    static Tally of(Event e, long windowStart) {
        Tally t = partial(e.key, windowStart, 1);
        t.event = e;
        return t;
    }
}
