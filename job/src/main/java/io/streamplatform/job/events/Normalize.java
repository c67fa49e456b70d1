package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The seed transformation: the event's text upper-cased; everything else unchanged.
 *
 * <p>When the event came in as canonical JSON ({@link Event#json}, plain ASCII, text last), its output JSON is
 * that input with the text's bytes upper-cased in place — no re-encoding; ASCII upper-casing is what
 * {@code toUpperCase(Locale.ROOT)} does for ASCII. Otherwise the text is upper-cased as a string and the sink
 * encodes the event.
 */
public final class Normalize implements MapFunction<Event, Event> {
    /** Bytes after the text value in canonical JSON: the closing quote and brace. */
    private static final int AFTER_TEXT = 2;

    @Override
    public Event map(Event e) {
        if (e.json == null) return new Event(e.run, e.seq, e.key, e.ts, e.text.toUpperCase(Locale.ROOT));
        byte[] json = e.json.clone();
        int end = json.length - AFTER_TEXT;
        int start = end - e.text.length(); // canonical JSON is ASCII without escapes: one byte per character
        for (int k = start; k < end; k++) {
            byte c = json[k];
            if (c >= 'a' && c <= 'z') json[k] = (byte) (c - ('a' - 'A'));
        }
        Event out = new Event(e.run, e.seq, e.key, e.ts, new String(json, start, end - start, StandardCharsets.ISO_8859_1));
        out.json = json;
        return out;
    }
}
