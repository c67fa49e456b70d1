package io.streamplatform.common.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and strictly decodes the JSON wire format of {@link Event} and {@link WindowCount}.
 *
 * <p>Decoding never throws: every way an input can be wrong (too large, not UTF-8, not JSON, not an object,
 * a missing field, a field of the wrong type) is reported as a {@link ParseResult} error whose reason
 * starts with a stable category ({@code oversized}, {@code not-utf8}, {@code not-json}, {@code missing-field},
 * {@code wrong-type}, {@code invalid-value}). Unknown fields are ignored so the format can grow.
 * Thread-safe.
 */
public final class EventCodec {
    /** Default limit of one input record's size. */
    public static final int DEFAULT_MAX_BYTES = io.streamplatform.common.catalogue.JobOptions.DEFAULT_MAX_RECORD_BYTES;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int F_RUN = 1, F_SEQ = 2, F_KEY = 4, F_TS = 8, F_TEXT = 16, ALL = 31;

    private final int maxBytes;

    public EventCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    public EventCodec(int maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
        this.maxBytes = maxBytes;
    }

    public ParseResult parse(byte[] bytes) {
        if (bytes == null) return ParseResult.error("not-json: null value (tombstone)");
        if (bytes.length > maxBytes) {
            return ParseResult.error("oversized: " + bytes.length + " bytes > limit " + maxBytes);
        }
        // The fast path takes only pure ASCII, so what it accepts needs no separate UTF-8 check.
        Event fast = FastEventParser.tryParse(bytes);
        if (fast != null) return ParseResult.ok(fast);
        if (!isUtf8(bytes)) return ParseResult.error("not-utf8: invalid UTF-8 byte sequence");
        return parseWithJackson(bytes);
    }

    /** The full, strict parser: every input the fast path leaves, and the reason when an input is not an event. */
    ParseResult parseWithJackson(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return ParseResult.error("not-json: not a JSON object");
            Event e = new Event();
            int seen = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "run" -> { e.run = text(p, v, "run"); seen |= F_RUN; }
                    case "seq" -> { e.seq = integer(p, v, "seq"); seen |= F_SEQ; }
                    case "key" -> { e.key = text(p, v, "key"); seen |= F_KEY; }
                    case "ts" -> { e.ts = integer(p, v, "ts"); seen |= F_TS; }
                    case "text" -> { e.text = text(p, v, "text"); seen |= F_TEXT; }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) return ParseResult.error("not-json: unexpected " + t);
            if (p.nextToken() != null) return ParseResult.error("not-json: trailing content after the object");
            if (seen != ALL) return ParseResult.error("missing-field: " + missing(seen));
            if (e.key.isEmpty()) return ParseResult.error("invalid-value: key is empty");
            if (e.seq < 0) return ParseResult.error("invalid-value: seq is negative");
            if (e.ts < 0) return ParseResult.error("invalid-value: ts is negative");
            return ParseResult.ok(e);
        } catch (FieldError fe) {
            return ParseResult.error(fe.getMessage());
        } catch (JsonProcessingException jpe) {
            return ParseResult.error("not-json: " + firstLine(jpe.getOriginalMessage()));
        } catch (IOException ioe) {
            return ParseResult.error("not-json: " + firstLine(ioe.getMessage()));
        }
    }

    /** The event's JSON; the event's own {@link Event#json} when it has it (the array itself, not a copy). */
    public byte[] encode(Event e) {
        if (e.json != null) return e.json;
        byte[] plain = encodePlainAscii(e);
        return plain != null ? plain : encodeWithJackson(e);
    }

    /**
     * The common case without a JSON generator: when every string is printable ASCII without {@code "} or
     * {@code \} and both numbers are non-negative, nothing needs escaping, and the bytes are exactly what Jackson
     * writes (no whitespace). One pass per string checks and copies it; numbers are written digit by digit into an
     * array of the exact size. Null otherwise (the caller falls back to Jackson).
     */
    static byte[] encodePlainAscii(Event e) {
        String run = e.run, key = e.key, text = e.text;
        if (run == null || key == null || text == null || e.seq < 0 || e.ts < 0) return null;
        int seqDigits = digits(e.seq), tsDigits = digits(e.ts);
        byte[] out = new byte[PLAIN_FIXED_BYTES + run.length() + key.length() + text.length() + seqDigits + tsDigits];
        int i = put(out, 0, OPEN_RUN);
        if ((i = putPlain(out, i, run)) < 0) return null;
        i = put(out, i, SEQ);
        i = putDigits(out, i, e.seq, seqDigits);
        i = put(out, i, KEY);
        if ((i = putPlain(out, i, key)) < 0) return null;
        i = put(out, i, TS);
        i = putDigits(out, i, e.ts, tsDigits);
        i = put(out, i, TEXT);
        if ((i = putPlain(out, i, text)) < 0) return null;
        put(out, i, CLOSE);
        return out;
    }

    private static final byte[] OPEN_RUN = ascii("{\"run\":\""), SEQ = ascii("\",\"seq\":"), KEY = ascii(",\"key\":\""),
            TS = ascii("\",\"ts\":"), TEXT = ascii(",\"text\":\""), CLOSE = ascii("\"}");
    private static final int PLAIN_FIXED_BYTES =
            OPEN_RUN.length + SEQ.length + KEY.length + TS.length + TEXT.length + CLOSE.length;

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    /** Copies a string that needs no escaping; -1 as soon as a character would need it (or is not ASCII). */
    private static int putPlain(byte[] out, int at, String s) {
        for (int k = 0, n = s.length(); k < n; k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return -1;
            out[at++] = (byte) c;
        }
        return at;
    }

    private static int digits(long v) {
        int n = 1;
        for (long bound = 10; n < 19 && v >= bound; bound *= 10) n++;
        return n;
    }

    /** Writes a non-negative number right to left; below 2^31 in int arithmetic, which the JIT turns into multiplies. */
    private static int putDigits(byte[] out, int at, long v, int digits) {
        int k = at + digits - 1;
        while (v > Integer.MAX_VALUE) {
            long q = v / 10;
            out[k--] = (byte) ('0' + (int) (v - q * 10));
            v = q;
        }
        int w = (int) v;
        do {
            int q = w / 10;
            out[k--] = (byte) ('0' + (w - q * 10));
            w = q;
        } while (w != 0);
        return at + digits;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] encodeWithJackson(Event e) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("run", e.run);
            g.writeNumberField("seq", e.seq);
            g.writeStringField("key", e.key);
            g.writeNumberField("ts", e.ts);
            g.writeStringField("text", e.text);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    public byte[] encode(WindowCount w) {
        ByteArrayBuilder out = new ByteArrayBuilder(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("key", w.key);
            g.writeNumberField("start", w.start);
            g.writeNumberField("end", w.end);
            g.writeNumberField("count", w.count);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** Decodes a window count written by the job; throws {@link IllegalArgumentException} if it is not one. */
    public WindowCount decodeWindowCount(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("not a JSON object");
            WindowCount w = new WindowCount();
            int seen = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "key" -> { w.key = text(p, v, "key"); seen |= 1; }
                    case "start" -> { w.start = integer(p, v, "start"); seen |= 2; }
                    case "end" -> { w.end = integer(p, v, "end"); seen |= 4; }
                    case "count" -> { w.count = integer(p, v, "count"); seen |= 8; }
                    default -> p.skipChildren();
                }
            }
            if (seen != 15) throw new IllegalArgumentException("window count lacks a field");
            return w;
        } catch (IOException | FieldError e) {
            throw new IllegalArgumentException("not a window count: " + firstLine(e.getMessage()), e);
        }
    }

    private static String text(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_STRING) throw new FieldError("wrong-type: " + field + " must be a string, got " + v);
        return p.getText();
    }

    private static long integer(JsonParser p, JsonToken v, String field) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) throw new FieldError("wrong-type: " + field + " must be an integer, got " + v);
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new FieldError("invalid-value: " + field + " out of range");
        }
        return p.getLongValue();
    }

    private static String missing(int seen) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"run", "seq", "key", "ts", "text"};
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1 << i)) == 0) sb.append(sb.length() == 0 ? "" : ",").append(names[i]);
        }
        return sb.toString();
    }

    /** True if the bytes are well-formed UTF-8; pure ASCII (the common case) is checked without decoding. */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) i++;
        if (i == bytes.length) return true;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, i, bytes.length - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A field-level error; unchecked so it can leave the parsing switch, never leaves this class. */
    private static final class FieldError extends RuntimeException {
        FieldError(String message) {
            super(message, null, false, false);
        }
    }
}
