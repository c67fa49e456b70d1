package io.streamplatform.common.grid;

import io.streamplatform.common.JsonFields;
import io.streamplatform.common.JsonText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The grid job's input format, parsed strictly:
 * <pre>{"sensor":"s-017","substation":"sub-01","voltage":231.2,"current":182.5,"frequency":50.012,"temperature":41.3,"ts":"2026-12-01T01:02:03.456Z"}</pre>
 * {@code ts} is an ISO-8601 instant or epoch milliseconds; other fields are ignored. A record that is not one comes back
 * as null, with {@link #error()} saying why in a reason starting with a stable category: {@code too-large},
 * {@code not-json}, {@code missing-field}, {@code wrong-type}, {@code impossible}, {@code bad-timestamp}.
 * Quantities are kept in thousandths, rounded half up. Not thread-safe (one per parsing thread).
 */
public final class ReadingCodec {
    /** Absolute zero in thousandths of a degree Celsius. */
    public static final long ABSOLUTE_ZERO = -273_150;
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String[] FIELDS = {"sensor", "substation", "voltage", "current", "frequency", "temperature", "ts"};

    private final int maxBytes;
    private String error;

    public ReadingCodec() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxBytes larger records are rejected ({@code too-large}) */
    public ReadingCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why the last {@link #parse} returned null; null after a success. */
    public String error() {
        return error;
    }

    /** The reading in {@code value}, or null (see {@link #error()}). */
    public Reading parse(byte[] value) {
        error = null;
        if (value == null || value.length == 0) return fail("not-json: empty record");
        if (value.length > maxBytes) return fail("too-large: " + value.length + " bytes > " + maxBytes);
        try (JsonParser p = JSON.createParser(value)) {
            return read(p);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return fail("not-json: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    private Reading read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) return fail("not-json: not a JSON object");
        Reading r = new Reading();
        boolean[] seen = new boolean[FIELDS.length];
        String problem = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field = indexOf(name);
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            seen[field] = true;
            String why = switch (field) {
                case 0 -> (r.sensor = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
                case 1 -> (r.substation = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
                case 6 -> JsonFields.timestamp(p, v, ms -> r.ts = ms);
                default -> quantity(p, v, field, r);
            };
            if (why != null && problem == null) problem = why;
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
        }
        if (t != JsonToken.END_OBJECT) return fail("not-json: unexpected " + t);
        if (p.nextToken() != null) return fail("not-json: trailing content after the object");
        for (int i = 0; i < FIELDS.length; i++) if (!seen[i]) return fail("missing-field: " + FIELDS[i]);
        return problem == null ? r : fail(problem);
    }

    private static int indexOf(String name) {
        for (int i = 0; i < FIELDS.length; i++) if (FIELDS[i].equals(name)) return i;
        return -1;
    }

    private static String quantity(JsonParser p, JsonToken v, int field, Reading r) throws IOException {
        String name = FIELDS[field];
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) return JsonFields.wrongType(name, v, "a number");
        if (p.isNaN()) return "impossible: " + name + " is " + p.getText();
        BigDecimal d = p.getDecimalValue();
        // More than 15 integer digits cannot be a reading (and would not fit in thousandths).
        if (d.precision() - d.scale() > 15) return "impossible: " + name + " " + p.getText() + " is out of range";
        long x = Fixed.of(d);
        switch (field) {
            case 2 -> { if (x < 0) return "impossible: voltage " + Fixed.format(x) + " < 0"; r.voltage = x; }
            case 3 -> { if (x < 0) return "impossible: current " + Fixed.format(x) + " < 0"; r.current = x; }
            case 4 -> { if (x <= 0) return "impossible: frequency " + Fixed.format(x) + " <= 0"; r.frequency = x; }
            case 5 -> { if (x < ABSOLUTE_ZERO) return "impossible: temperature " + Fixed.format(x) + " below absolute zero"; r.temperature = x; }
            default -> throw new IllegalStateException(name);
        }
        return null;
    }

    private Reading fail(String why) {
        error = why;
        return null;
    }

    /** The reading as JSON, quantities with three decimals and {@code ts} as an ISO-8601 instant (epoch ms if {@code epochMillis}). */
    public static String encode(Reading r, boolean epochMillis) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"sensor\":");
        JsonText.quote(sb, r.sensor);
        sb.append(",\"substation\":");
        JsonText.quote(sb, r.substation);
        sb.append(",\"voltage\":").append(Fixed.format(r.voltage))
                .append(",\"current\":").append(Fixed.format(r.current))
                .append(",\"frequency\":").append(Fixed.format(r.frequency))
                .append(",\"temperature\":").append(Fixed.format(r.temperature))
                .append(",\"ts\":");
        if (epochMillis) sb.append(r.ts);
        else sb.append('"').append(Instant.ofEpochMilli(r.ts)).append('"');
        return sb.append('}').toString();
    }
}
