package io.streamplatform.common.recommendations;

import java.util.Objects;

/**
 * One catalogue record: a video's title, category and duration, in effect from its Kafka record timestamp on (the
 * compacted catalogue topic is keyed by video). A Flink POJO.
 *
 * <pre>{"video":"v-0117","title":"Night trains of Europe","category":"travel","duration_ms":1260000}</pre>
 */
public final class Video {
    public String video;
    public String title;
    public String category;
    public long durationMs;

    public Video() {}

    public Video(String video, String title, String category, long durationMs) {
        this.video = video;
        this.title = title;
        this.category = category;
        this.durationMs = durationMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Video v && durationMs == v.durationMs && Objects.equals(video, v.video) && Objects.equals(title, v.title)
                && Objects.equals(category, v.category);
    }

    @Override
    public int hashCode() {
        return Objects.hash(video, title, category, durationMs);
    }

    @Override
    public String toString() {
        return video + " " + category + " " + durationMs + "ms '" + title + "'";
    }
}
