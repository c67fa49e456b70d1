package io.streamplatform.common.grid;

import io.streamplatform.common.JsonFields;
import io.streamplatform.common.JsonText;
import io.streamplatform.common.StrictJsonObject;
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
public final class ReadingCodec extends StrictJsonObject<Reading> {
    /** Absolute zero in thousandths of a degree Celsius. */
    public static final long ABSOLUTE_ZERO = -273_150;
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String[] FIELDS = {"sensor", "substation", "voltage", "current", "frequency", "temperature", "ts"};

    public ReadingCodec() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxBytes larger records are rejected ({@code too-large}) */
    public ReadingCodec(int maxBytes) {
        super(JSON, FIELDS, maxBytes);
    }

    @Override
    protected Reading create() {
        return new Reading();
    }

    @Override
    protected String read(int field, String name, JsonParser p, JsonToken v, Reading r) throws IOException {
        return switch (field) {
            case 0 -> (r.sensor = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
            case 1 -> (r.substation = JsonFields.text(p, v)) == null ? JsonFields.wrongType(name, v, "a non-empty string") : null;
            case 6 -> JsonFields.timestamp(p, v, ms -> r.ts = ms);
            default -> quantity(p, v, field, r);
        };
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
