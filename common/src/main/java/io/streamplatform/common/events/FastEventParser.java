package io.streamplatform.common.events;

import java.nio.charset.StandardCharsets;

/**
 * A fast path for the common case of {@link EventCodec#parse}: a pure-ASCII flat JSON object holding exactly
 * the five event fields, strings without escapes, non-negative integers of at most 18 digits, JSON whitespace
 * between tokens. It accepts only inputs that are valid JSON and a valid event, and returns the event the full
 * parser would return; anything else (escapes, unknown or repeated fields, other value types, leading zeros,
 * an empty key, trailing content, any byte outside ASCII, ...) returns null and the caller falls back to the
 * full, strict parser, which also produces the error reason. Since it takes only ASCII, what it accepts is
 * valid UTF-8 without a separate check. Equivalence with the full parser is tested on generated inputs.
 */
final class FastEventParser {
    private static final byte[] RUN = bytes("run"), SEQ = bytes("seq"), KEY = bytes("key"), TS = bytes("ts"), TEXT = bytes("text");

    private final byte[] b;
    private int i;
    /** Whitespace was skipped somewhere: the input is not in the encoder's canonical form. */
    private boolean spaced;

    private FastEventParser(byte[] b) {
        this.b = b;
    }

    /** The event, or null when the input is outside the fast path (not necessarily invalid). */
    static Event tryParse(byte[] bytes) {
        return new FastEventParser(bytes).parse();
    }

    private Event parse() {
        skipWhitespace();
        if (!take('{')) return null;
        Event e = new Event();
        int seen = 0;
        boolean inEncoderOrder = true;
        for (int field = 0; field < 5; field++) {
            skipWhitespace();
            int nameStart = i + 1;
            int nameEnd = stringEnd();
            if (nameEnd < 0) return null;
            skipWhitespace();
            if (!take(':')) return null;
            skipWhitespace();
            int bit;
            if (is(nameStart, nameEnd, RUN)) {
                bit = 1;
                if ((e.run = string()) == null) return null;
            } else if (is(nameStart, nameEnd, SEQ)) {
                bit = 2;
                if ((e.seq = number()) < 0) return null;
            } else if (is(nameStart, nameEnd, KEY)) {
                bit = 4;
                if ((e.key = string()) == null || e.key.isEmpty()) return null;
            } else if (is(nameStart, nameEnd, TS)) {
                bit = 8;
                if ((e.ts = number()) < 0) return null;
            } else if (is(nameStart, nameEnd, TEXT)) {
                bit = 16;
                if ((e.text = string()) == null) return null;
            } else {
                return null;
            }
            if ((seen & bit) != 0) return null;
            seen |= bit;
            inEncoderOrder &= bit == 1 << field; // run, seq, key, ts, text
            skipWhitespace();
            if (!take(field < 4 ? ',' : '}')) return null;
        }
        skipWhitespace();
        if (i != b.length) return null;
        // Plain ASCII strings, canonical numbers, no whitespace, the encoder's field order: the input is
        // byte for byte what EventCodec.encode writes for this event (tested), so it is kept as its JSON.
        if (inEncoderOrder && !spaced) e.json = b;
        return e;
    }

    /** At an opening quote: returns the index of the closing quote and moves past it; -1 if not a plain string. */
    private int stringEnd() {
        if (!take('"')) return -1;
        while (i < b.length) {
            byte c = b[i];
            if (c == '"') return i++;
            if (c == '\\' || c < 0x20) return -1; // escapes, control and non-ASCII bytes: the full parser decides
            i++;
        }
        return -1;
    }

    private String string() {
        int start = i + 1;
        int end = stringEnd();
        return end < 0 ? null : new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** A non-negative JSON integer of at most 18 digits, or -1 if the value is anything else. */
    private long number() {
        int start = i;
        long value = 0;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') value = value * 10 + (b[i++] - '0');
        int digits = i - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')) return -1;
        if (i < b.length && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) return -1;
        return value;
    }

    private boolean take(char c) {
        if (i < b.length && b[i] == c) {
            i++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        int from = i;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
        if (i != from) spaced = true;
    }

    private boolean is(int start, int end, byte[] name) {
        if (end - start != name.length) return false;
        for (int k = 0; k < name.length; k++) if (b[start + k] != name[k]) return false;
        return true;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
