package io.streamplatform.common.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.common.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The top products of one sliding window by clicks of any kind, most first, ties broken by product id (ascending),
 * so any two computations over the same clicks agree. Keyed by the window's start.
 */
public final class Trending {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ranking: more events first, then the smaller product id. */
    public static final Comparator<ProductCount> RANK = Comparator.comparingLong((ProductCount p) -> -p.events()).thenComparing(ProductCount::product);

    public long start;
    public long end;
    public List<ProductCount> top = new ArrayList<>();

    public record ProductCount(String product, long events) {}

    public Trending() {}

    public Trending(long start, long end, List<ProductCount> top) {
        this.start = start;
        this.end = end;
        this.top = top;
    }

    public static String key(long start) {
        return Long.toString(start);
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(64 + 48 * top.size());
        sb.append("{\"start\":").append(start).append(",\"end\":").append(end).append(",\"top\":[");
        for (int i = 0; i < top.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"product\":");
            JsonText.quote(sb, top.get(i).product());
            sb.append(",\"events\":").append(top.get(i).events()).append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code value} is not a trending record */
    public static Trending decode(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            Trending t = new Trending();
            t.start = n.get("start").longValue();
            t.end = n.get("end").longValue();
            for (JsonNode p : n.get("top")) t.top.add(new ProductCount(p.get("product").asText(), p.get("events").longValue()));
            return t;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a trending record: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trending t && start == t.start && end == t.end && top.equals(t.top);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, top);
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }
}
