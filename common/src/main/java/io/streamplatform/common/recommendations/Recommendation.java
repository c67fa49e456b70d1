package io.streamplatform.common.recommendations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.common.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the recommendations topic: a user's top-K videos as computed at the end of a window, best first,
 * keyed by user. A Flink POJO (parallel arrays, so no generic serializer is needed).
 *
 * <pre>{"user":"u-0042","window_end":1764551400000,"videos":[{"video":"v-0131","score":7.52},{"video":"v-0093","score":4.1}]}</pre>
 */
public final class Recommendation {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String user;
    public long windowEnd;
    public String[] videos;
    public double[] scores;

    public Recommendation() {}

    public Recommendation(String user, long windowEnd, String[] videos, double[] scores) {
        this.user = user;
        this.windowEnd = windowEnd;
        this.videos = videos;
        this.scores = scores;
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(64 + 40 * videos.length);
        sb.append("{\"user\":");
        JsonText.quote(sb, user).append(",\"window_end\":").append(windowEnd).append(",\"videos\":[");
        for (int i = 0; i < videos.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"video\":");
            JsonText.quote(sb, videos[i]).append(",\"score\":").append(scores[i]).append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when {@code json} is not a recommendation list */
    public static Recommendation decode(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.path("user").isTextual() || !n.path("window_end").isIntegralNumber() || !n.path("videos").isArray()) {
                throw new IllegalArgumentException("not a recommendation list: " + new String(json, StandardCharsets.UTF_8));
            }
            JsonNode list = n.get("videos");
            String[] videos = new String[list.size()];
            double[] scores = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                if (!item.path("video").isTextual() || !item.path("score").isNumber()) {
                    throw new IllegalArgumentException("not a recommendation item: " + item);
                }
                videos[i] = item.get("video").textValue();
                scores[i] = item.get("score").doubleValue();
            }
            return new Recommendation(n.get("user").textValue(), n.get("window_end").longValue(), videos, scores);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a recommendation list: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recommendation r && windowEnd == r.windowEnd && Objects.equals(user, r.user) && Arrays.equals(videos, r.videos)
                && Arrays.equals(scores, r.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, windowEnd, Arrays.hashCode(videos), Arrays.hashCode(scores));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(user).append(" @").append(windowEnd).append(" [");
        for (int i = 0; i < videos.length; i++) sb.append(i > 0 ? ", " : "").append(videos[i]).append('=').append(scores[i]);
        return sb.append(']').toString();
    }
}
