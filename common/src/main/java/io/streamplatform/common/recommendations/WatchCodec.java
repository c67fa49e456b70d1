package io.streamplatform.common.recommendations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.common.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The recommendations job's two input formats, parsed strictly ({@link Watch}, {@link Video}); other fields are
 * ignored. A record that is not one comes back as null, with {@link #error()} saying why in a reason starting with a
 * stable category: {@code too-large}, {@code not-json}, {@code missing-field}, {@code wrong-type}, {@code impossible}.
 * Not thread-safe (one per parsing thread).
 */
public final class WatchCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxBytes;
    private String error;

    public WatchCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why the last parse returned null; null after a success. */
    public String error() {
        return error;
    }

    /** The watch in {@code value}, or null (see {@link #error()}). */
    public Watch parseWatch(byte[] value) {
        JsonNode n = object(value);
        if (n == null) return null;
        String user = text(n, "user");
        String video = user == null ? null : text(n, "video");
        String action = video == null ? null : text(n, "action");
        if (action == null) return null;
        if (!Watch.isAction(action)) return fail("impossible: action '" + action + "' is not play, pause, seek or complete");
        Long position = number(n, "position_ms");
        Long ts = position == null ? null : number(n, "ts");
        if (ts == null) return null;
        if (position < 0) return fail("impossible: position_ms " + position + " < 0");
        if (ts < 0) return fail("impossible: ts " + ts + " < 0");
        return new Watch(user, video, action, position, ts);
    }

    /** The catalogue record in {@code value}, or null (see {@link #error()}). */
    public Video parseVideo(byte[] value) {
        JsonNode n = object(value);
        if (n == null) return null;
        String video = text(n, "video");
        String title = video == null ? null : text(n, "title");
        String category = title == null ? null : text(n, "category");
        Long duration = category == null ? null : number(n, "duration_ms");
        if (duration == null) return null;
        if (duration <= 0) return fail("impossible: duration_ms " + duration + " <= 0");
        return new Video(video, title, category, duration);
    }

    private JsonNode object(byte[] value) {
        error = null;
        if (value == null || value.length == 0) return fail("not-json: empty record");
        if (value.length > maxBytes) return fail("too-large: " + value.length + " bytes > " + maxBytes);
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return fail("not-json: " + (nl < 0 ? m : m.substring(0, nl)));
        }
        if (n == null || !n.isObject()) return fail("not-json: not a JSON object");
        return n;
    }

    private String text(JsonNode n, String field) {
        JsonNode f = n.get(field);
        if (f == null || f.isNull()) return fail("missing-field: " + field);
        if (!f.isTextual()) return fail("wrong-type: " + field + " is not a string");
        if (f.textValue().isEmpty()) return fail("impossible: " + field + " is empty");
        return f.textValue();
    }

    private Long number(JsonNode n, String field) {
        JsonNode f = n.get(field);
        if (f == null || f.isNull()) return fail("missing-field: " + field);
        if (!f.isIntegralNumber() || !f.canConvertToLong()) return fail("wrong-type: " + field + " is not an integer");
        return f.longValue();
    }

    private <T> T fail(String reason) {
        error = reason;
        return null;
    }

    public static byte[] encode(Watch w) {
        StringBuilder sb = new StringBuilder(112);
        sb.append("{\"user\":");
        JsonText.quote(sb, w.user).append(",\"video\":");
        JsonText.quote(sb, w.video).append(",\"action\":");
        JsonText.quote(sb, w.action).append(",\"position_ms\":").append(w.positionMs).append(",\"ts\":").append(w.ts).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(Video v) {
        StringBuilder sb = new StringBuilder(112);
        sb.append("{\"video\":");
        JsonText.quote(sb, v.video).append(",\"title\":");
        JsonText.quote(sb, v.title).append(",\"category\":");
        JsonText.quote(sb, v.category).append(",\"duration_ms\":").append(v.durationMs).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
