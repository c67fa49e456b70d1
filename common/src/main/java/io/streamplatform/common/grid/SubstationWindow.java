package io.streamplatform.common.grid;

import io.streamplatform.common.JsonText;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the aggregates topic: a substation's readings in one tumbling event-time window, their count and the
 * minimum, mean (rounded half up to the thousandth, {@link Fixed#mean}) and maximum of each quantity. Keyed by
 * substation, stamped with the window's last millisecond. A Flink POJO.
 * Window bounds in epoch ms, as in every job's window records ({@code start} inclusive, {@code end} exclusive):
 * <pre>{"substation":"sub-01","start":1764550920000,"end":1764550980000,"readings":600,
 *  "voltage":{"min":226.010,"avg":230.004,"max":234.590},"current":{...},"frequency":{...},"temperature":{...}}</pre>
 */
public final class SubstationWindow {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public String substation;
    /** Epoch ms, inclusive. */
    public long windowStart;
    /** Epoch ms, exclusive. */
    public long windowEnd;
    public long readings;
    public Stat voltage = new Stat();
    public Stat current = new Stat();
    public Stat frequency = new Stat();
    public Stat temperature = new Stat();

    public SubstationWindow() {}

    /** Minimum, mean and maximum of one quantity, in thousandths. A Flink POJO. */
    public static final class Stat {
        public long min;
        public long avg;
        public long max;

        public Stat() {}

        public Stat(long min, long avg, long max) {
            this.min = min;
            this.avg = avg;
            this.max = max;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stat s && min == s.min && avg == s.avg && max == s.max;
        }

        @Override
        public int hashCode() {
            return Objects.hash(min, avg, max);
        }

        @Override
        public String toString() {
            return Fixed.format(min) + "/" + Fixed.format(avg) + "/" + Fixed.format(max);
        }
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(320).append("{\"substation\":");
        JsonText.quote(sb, substation);
        sb.append(",\"start\":").append(windowStart).append(",\"end\":").append(windowEnd)
                .append(",\"readings\":").append(readings);
        stat(sb, "voltage", voltage);
        stat(sb, "current", current);
        stat(sb, "frequency", frequency);
        stat(sb, "temperature", temperature);
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void stat(StringBuilder sb, String name, Stat s) {
        sb.append(",\"").append(name).append("\":{\"min\":").append(Fixed.format(s.min))
                .append(",\"avg\":").append(Fixed.format(s.avg)).append(",\"max\":").append(Fixed.format(s.max)).append('}');
    }

    /** @throws IllegalArgumentException when {@code json} is not one */
    public static SubstationWindow decode(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            SubstationWindow w = new SubstationWindow();
            w.substation = required(n, "substation").textValue();
            w.windowStart = required(n, "start").longValue();
            w.windowEnd = required(n, "end").longValue();
            w.readings = required(n, "readings").longValue();
            w.voltage = stat(required(n, "voltage"));
            w.current = stat(required(n, "current"));
            w.frequency = stat(required(n, "frequency"));
            w.temperature = stat(required(n, "temperature"));
            if (w.substation == null) throw new IllegalArgumentException("substation is not a string");
            return w;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a substation window: " + e.getMessage(), e);
        }
    }

    private static Stat stat(JsonNode n) {
        return new Stat(Fixed.of(required(n, "min").decimalValue()), Fixed.of(required(n, "avg").decimalValue()), Fixed.of(required(n, "max").decimalValue()));
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing " + field);
        return v;
    }

    /** Same substation, window, count and figures. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SubstationWindow w && windowStart == w.windowStart && windowEnd == w.windowEnd && readings == w.readings
                && Objects.equals(substation, w.substation) && Objects.equals(voltage, w.voltage) && Objects.equals(current, w.current)
                && Objects.equals(frequency, w.frequency) && Objects.equals(temperature, w.temperature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(substation, windowStart, windowEnd, readings, voltage, current, frequency, temperature);
    }

    @Override
    public String toString() {
        return substation + " [" + Instant.ofEpochMilli(windowStart) + ", " + Instant.ofEpochMilli(windowEnd) + ") n=" + readings
                + " V " + voltage + " A " + current + " Hz " + frequency + " C " + temperature;
    }
}
