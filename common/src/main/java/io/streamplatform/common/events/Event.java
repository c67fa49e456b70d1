package io.streamplatform.common.events;

import java.util.Objects;

/**
 * One input event, as produced by the producer app and normalised by the job.
 *
 * <p>Wire format (UTF-8 JSON object, all fields required):
 * {@code {"run":"r-1","seq":0,"key":"user-7","ts":1700000000000,"text":"hello"}}. {@code run} names the
 * producer run, {@code seq} numbers its valid events 0..n-1 (so a verifier can find gaps and duplicates),
 * {@code ts} is the event time in epoch milliseconds.
 *
 * <p>A plain mutable class with public fields and a no-arg constructor so that Flink treats it as a POJO.
 */
public final class Event {
    public String run;
    public long seq;
    public String key;
    public long ts;
    public String text;
    /**
     * This event's JSON exactly as {@link EventCodec#encode} writes it, when already at hand: set by the parser
     * for input in that canonical form, and by the job's normaliser; null otherwise. {@code encode} returns it. Not part of the event's
     * identity ({@code equals} ignores it) and not serialised by Flink ({@code transient}); whoever changes a
     * field after it is set must clear it.
     */
    public transient byte[] json;

    public Event() {}

    public Event(String run, long seq, String key, long ts, String text) {
        this.run = run;
        this.seq = seq;
        this.key = key;
        this.ts = ts;
        this.text = text;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Event e)) return false;
        return seq == e.seq && ts == e.ts && Objects.equals(run, e.run) && Objects.equals(key, e.key)
                && Objects.equals(text, e.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(run, seq, key, ts, text);
    }

    @Override
    public String toString() {
        return "Event{run=" + run + ", seq=" + seq + ", key=" + key + ", ts=" + ts + ", text=" + text + "}";
    }
}
