package io.streamplatform.job.transform;

import io.streamplatform.common.Event;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;

/** The seed transformation: the event's text upper-cased; everything else unchanged. */
public final class Normalize implements MapFunction<Event, Event> {
    @Override
    public Event map(Event e) {
        return new Event(e.run, e.seq, e.key, e.ts, upperCase(e.text));
    }

    /**
     * {@code s.toUpperCase(Locale.ROOT)}, with ASCII (the common case) done here: the JDK looks every character
     * up in its case tables, which cost more than parsing the whole event.
     */
    static String upperCase(String s) {
        int n = s.length();
        byte[] upper = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) return s.toUpperCase(Locale.ROOT);
            if (c >= 'a' && c <= 'z') {
                if (upper == null) {
                    upper = new byte[n];
                    for (int k = 0; k < i; k++) upper[k] = (byte) s.charAt(k);
                }
                upper[i] = (byte) (c - ('a' - 'A'));
            } else if (upper != null) {
                upper[i] = (byte) c;
            }
        }
        return upper == null ? s : new String(upper, StandardCharsets.ISO_8859_1);
    }
}
