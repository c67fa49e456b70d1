package io.streamplatform.common.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.common.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The conversion funnel of one product category in one tumbling window: clicks per action and the view → cart and
 * cart → purchase rates. Keyed {@code <category>/<start>}, so a late click's update overwrites the window's record.
 * Each window also has the funnel of all categories together, category {@value #ALL}.
 */
public final class Funnel {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String category;
    public long start;
    public long end;
    public long views;
    public long clicks;
    public long carts;
    public long purchases;

    /** The category of the all-categories funnel; no click may have it. */
    public static final String ALL = "*";

    public Funnel() {}

    /** The funnel of all of {@code categories} (one window's) together. */
    public static Funnel total(Iterable<Funnel> categories) {
        Funnel t = new Funnel();
        t.category = ALL;
        for (Funnel f : categories) {
            t.start = f.start;
            t.end = f.end;
            t.views += f.views;
            t.clicks += f.clicks;
            t.carts += f.carts;
            t.purchases += f.purchases;
        }
        return t;
    }

    public static String key(String category, long start) {
        return category + "/" + start;
    }

    public String key() {
        return key(category, start);
    }

    /** {@code numerator / denominator} rounded half up to four decimals; 0 when nothing came before. */
    public static double rate(long numerator, long denominator) {
        return denominator == 0 ? 0 : Math.round(numerator * 10_000.0 / denominator) / 10_000.0;
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"category\":");
        JsonText.quote(sb, category);
        sb.append(",\"start\":").append(start).append(",\"end\":").append(end)
                .append(",\"view\":").append(views).append(",\"click\":").append(clicks).append(",\"cart\":").append(carts)
                .append(",\"purchase\":").append(purchases)
                .append(",\"view_to_cart\":").append(rate(carts, views)).append(",\"cart_to_purchase\":").append(rate(purchases, carts))
                .append(",\"view_to_purchase\":").append(rate(purchases, views)).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code value} is not a funnel record */
    public static Funnel decode(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            Funnel f = new Funnel();
            f.category = n.get("category").asText();
            f.start = n.get("start").longValue();
            f.end = n.get("end").longValue();
            f.views = n.get("view").longValue();
            f.clicks = n.get("click").longValue();
            f.carts = n.get("cart").longValue();
            f.purchases = n.get("purchase").longValue();
            if (n.get("view_to_cart").doubleValue() != rate(f.carts, f.views) || n.get("cart_to_purchase").doubleValue() != rate(f.purchases, f.carts)
                    || n.get("view_to_purchase").doubleValue() != rate(f.purchases, f.views)) {
                throw new IllegalArgumentException("rates do not match the counts: " + n);
            }
            return f;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a funnel record: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Funnel f && start == f.start && end == f.end && views == f.views && clicks == f.clicks && carts == f.carts
                && purchases == f.purchases && Objects.equals(category, f.category);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, start, end, views, clicks, carts, purchases);
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }
}
