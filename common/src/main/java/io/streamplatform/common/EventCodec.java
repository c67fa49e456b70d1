package io.streamplatform.common;

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
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

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
        if (isAscii(bytes)) {
            Event fast = FastEventParser.tryParse(bytes);
            if (fast != null) return ParseResult.ok(fast);
        } else if (!isUtf8(bytes)) {
            return ParseResult.error("not-utf8: invalid UTF-8 byte sequence");
        }
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

    public byte[] encode(Event e) {
        byte[] plain = encodePlainAscii(e);
        return plain != null ? plain : encodeWithJackson(e);
    }

    /**
     * The common case without a JSON generator: when every string is printable ASCII without {@code "} or
     * {@code \}, nothing needs escaping, and the bytes are exactly what Jackson writes (no whitespace). A quarter
     * of the job's per-record CPU went into creating a generator per event. Null otherwise.
     */
    static byte[] encodePlainAscii(Event e) {
        if (!plain(e.run) || !plain(e.key) || !plain(e.text)) return null;
        byte[] out = new byte[e.run.length() + e.key.length() + e.text.length() + 80];
        int i = ascii(out, 0, "{\"run\":\"");
        i = ascii(out, i, e.run);
        i = ascii(out, i, "\",\"seq\":");
        i = ascii(out, i, Long.toString(e.seq));
        i = ascii(out, i, ",\"key\":\"");
        i = ascii(out, i, e.key);
        i = ascii(out, i, "\",\"ts\":");
        i = ascii(out, i, Long.toString(e.ts));
        i = ascii(out, i, ",\"text\":\"");
        i = ascii(out, i, e.text);
        i = ascii(out, i, "\"}");
        return java.util.Arrays.copyOf(out, i);
    }

    private static boolean plain(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
        }
        return true;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly right for ASCII
    private static int ascii(byte[] out, int at, String s) {
        s.getBytes(0, s.length(), out, at);
        return at + s.length();
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

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) if (b < 0) return false;
        return true;
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
