package io.streamplatform.common.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.common.JsonText;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One user session's summary: the user's clicks with no gap longer than {@code --session-gap} between them. Keyed
 * {@code <user>/<start>} on the sessions topic, so a late click that updates a session overwrites its summary, and a
 * late click that joins two sessions replaces the later one's key with a tombstone.
 */
public final class Session {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String user;
    /** First and last click, epoch milliseconds. */
    public long start;
    public long end;
    public long views;
    public long clicks;
    public long carts;
    public long purchases;
    public long products;
    public long revenueCents;

    public Session() {}

    /** The record key of the session of {@code user} that starts at {@code start}. */
    public static String key(String user, long start) {
        return user + "/" + start;
    }

    public String key() {
        return key(user, start);
    }

    public boolean converted() {
        return purchases > 0;
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"user\":");
        JsonText.quote(sb, user);
        sb.append(",\"start\":").append(start).append(",\"end\":").append(end).append(",\"duration_ms\":").append(end - start)
                .append(",\"events\":{\"view\":").append(views).append(",\"click\":").append(clicks).append(",\"cart\":").append(carts)
                .append(",\"purchase\":").append(purchases).append("},\"products\":").append(products)
                .append(",\"converted\":").append(converted()).append(",\"revenue\":").append(Money.format(revenueCents)).append('}');
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code value} is not a session summary */
    public static Session decode(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            Session s = new Session();
            s.user = n.get("user").asText();
            s.start = n.get("start").longValue();
            s.end = n.get("end").longValue();
            JsonNode e = n.get("events");
            s.views = e.get("view").longValue();
            s.clicks = e.get("click").longValue();
            s.carts = e.get("cart").longValue();
            s.purchases = e.get("purchase").longValue();
            s.products = n.get("products").longValue();
            s.revenueCents = Money.cents(new BigDecimal(n.get("revenue").asText()));
            if (n.get("duration_ms").longValue() != s.end - s.start || n.get("converted").booleanValue() != s.converted()) {
                throw new IllegalArgumentException("inconsistent session " + n);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a session summary: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && start == s.start && end == s.end && views == s.views && clicks == s.clicks && carts == s.carts
                && purchases == s.purchases && products == s.products && revenueCents == s.revenueCents && Objects.equals(user, s.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, start, end, views, clicks, carts, purchases, products, revenueCents);
    }

    @Override
    public String toString() {
        return new String(encode(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
