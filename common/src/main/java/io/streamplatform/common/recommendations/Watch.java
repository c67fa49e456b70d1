package io.streamplatform.common.recommendations;

import java.util.Objects;

/**
 * One watch event: a user's {@code play}, {@code pause}, {@code seek} or {@code complete} of a video at a position,
 * at event time {@code ts} (epoch ms). A Flink POJO.
 *
 * <pre>{"user":"u-0042","video":"v-0117","action":"seek","position_ms":184000,"ts":1764550800123}</pre>
 */
public final class Watch {
    public static final String PLAY = "play";
    public static final String PAUSE = "pause";
    public static final String SEEK = "seek";
    public static final String COMPLETE = "complete";

    public String user;
    public String video;
    public String action;
    public long positionMs;
    public long ts;
    /** The run header the record carried (not part of the JSON): an unknown video's dead letter carries it back. */
    public String run;

    public Watch() {}

    public Watch(String user, String video, String action, long positionMs, long ts) {
        this.user = user;
        this.video = video;
        this.action = action;
        this.positionMs = positionMs;
        this.ts = ts;
    }

    public static boolean isAction(String a) {
        return PLAY.equals(a) || PAUSE.equals(a) || SEEK.equals(a) || COMPLETE.equals(a);
    }

    /**
     * How much of a video this watch shows was seen, in thousandths: {@code complete} is 1000, otherwise
     * {@code position_ms * 1000 / duration_ms} (integer division) capped at 1000.
     */
    public static int permille(String action, long positionMs, long durationMs) {
        if (COMPLETE.equals(action)) return 1000;
        return (int) Math.min(1000, positionMs * 1000 / durationMs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Watch w && positionMs == w.positionMs && ts == w.ts && Objects.equals(user, w.user)
                && Objects.equals(video, w.video) && Objects.equals(action, w.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, video, action, positionMs, ts);
    }

    @Override
    public String toString() {
        return user + " " + action + " " + video + "@" + positionMs + " ts=" + ts;
    }
}
