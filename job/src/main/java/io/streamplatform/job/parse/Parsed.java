package io.streamplatform.job.parse;

import io.streamplatform.common.Event;

/** What the source makes of one record: the event, or the dead letter when it is not one. Exactly one is set. */
public final class Parsed {
    public Event event;
    public DeadLetter deadLetter;

    public Parsed() {}

    static Parsed valid(Event event) {
        Parsed p = new Parsed();
        p.event = event;
        return p;
    }

    static Parsed malformed(DeadLetter deadLetter) {
        Parsed p = new Parsed();
        p.deadLetter = deadLetter;
        return p;
    }
}
