package io.streamplatform.job.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.recommendations.Recommendation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The per-user step in Flink's keyed two-input harness: ordering of the top K, and state that stays bounded. */
class RecommendTest {
    static final long WINDOW = 600_000;
    static final Duration TTL = Duration.ofHours(2);

    static KeyedTwoInputStreamOperatorTestHarness<String, UserWindow, CoWatchRow, Recommendation> harness(int topK) throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new Recommend(TTL, Duration.ofHours(1), topK),
                (UserWindow u) -> u.user, (CoWatchRow r) -> r.user, Types.STRING);
        h.open();
        return h;
    }

    static UserWindow engagement(String user, long end, String video, String category, int permille) {
        UserWindow u = new UserWindow();
        u.user = user;
        u.windowEnd = end;
        u.videos = new String[] {video};
        u.categories = new String[] {category};
        u.permille = new int[] {permille};
        return u;
    }

    static CoWatchRow row(String user, long end, String anchor, String[] videos, int[] counts, String[] categories) {
        CoWatchRow r = new CoWatchRow();
        r.user = user;
        r.windowEnd = end;
        r.anchor = anchor;
        r.videos = videos;
        r.counts = counts;
        r.categories = categories;
        return r;
    }

    @Test
    void equalScoresAreOrderedByVideoIdAndTheListIsCutAtK() throws Exception {
        try (var h = harness(3)) {
            h.processElement1(engagement("u", WINDOW, "a", "news", 1000), WINDOW - 1);
            // Five co-watched videos: three tie at 2 x (1 + 0) = 2.0 (comedy has no interest), one scores 1 x (1 + 1.0) = 2.0
            // through the user's news interest, one scores less.
            h.processElement2(row("u", WINDOW, "a", new String[] {"d", "c", "e", "b", "f"}, new int[] {2, 2, 2, 1, 1},
                    new String[] {"comedy", "comedy", "comedy", "news", "comedy"}), WINDOW - 1);
            h.processBothWatermarks(new Watermark(WINDOW - 2));
            assertThat(h.extractOutputValues()).as("not before the window's end").isEmpty();
            h.processBothWatermarks(new Watermark(WINDOW - 1));
            assertThat(h.extractOutputValues()).singleElement().satisfies(r -> {
                assertThat(r.videos).containsExactly("b", "c", "d");
                assertThat(r.scores).containsExactly(2.0, 2.0, 2.0);
            });
        }
    }

    @Test
    void anUnchangedListIsNotEmittedAgainAndAWatchedVideoIsNeverRecommended() throws Exception {
        try (var h = harness(10)) {
            String[] cats = {"news", "news"};
            h.processElement1(engagement("u", WINDOW, "a", "news", 500), WINDOW - 1);
            h.processElement2(row("u", WINDOW, "a", new String[] {"b", "c"}, new int[] {1, 1}, cats), WINDOW - 1);
            h.processBothWatermarks(new Watermark(WINDOW - 1));
            h.processElement1(engagement("u", 2 * WINDOW, "a", "news", 500), 2 * WINDOW - 1);
            h.processElement2(row("u", 2 * WINDOW, "a", new String[] {"b", "c"}, new int[] {3, 3}, cats), 2 * WINDOW - 1);
            h.processBothWatermarks(new Watermark(2 * WINDOW - 1));
            h.processElement1(engagement("u", 3 * WINDOW, "b", "news", 500), 3 * WINDOW - 1);
            h.processElement2(row("u", 3 * WINDOW, "b", new String[] {"a", "c"}, new int[] {1, 1}, cats), 3 * WINDOW - 1);
            h.processBothWatermarks(new Watermark(3 * WINDOW - 1));
            List<Recommendation> out = h.extractOutputValues();
            assertThat(out).extracting(r -> r.windowEnd + " " + String.join(",", r.videos))
                    .as("window 2 has the same videos (other scores): not emitted; window 3 drops a and b, both watched")
                    .containsExactly(WINDOW + " b,c", 3 * WINDOW + " c");
        }
    }

    /** 200 users, each watching in every window: state per user stays the same size; idle past the TTL, it is gone. */
    @Test
    void stateStaysFlatUnderASteadyPopulationAndDrainsAfterTheUsersGoIdle() throws Exception {
        try (var h = harness(10)) {
            List<Integer> entries = new ArrayList<>();
            // More videos than windows, so no user runs out of candidates (an empty list is not kept).
            String[] videos = new String[40];
            String[] cats = new String[40];
            int[] counts = new int[40];
            for (int i = 0; i < 40; i++) {
                videos[i] = String.format("v-%02d", i);
                cats[i] = "c" + i % 8;
                counts[i] = 1 + i % 3;
            }
            long end = 0;
            for (int w = 1; w <= 30; w++) {
                end = w * WINDOW;
                for (int u = 0; u < 200; u++) {
                    String video = videos[(u + w) % 40];
                    h.processElement1(engagement("u-" + u, end, video, cats[(u + w) % 40], 700), end - 1);
                    h.processElement2(row("u-" + u, end, video, videos, counts, cats), end - 1);
                }
                h.processBothWatermarks(new Watermark(end - 1));
                entries.add(h.numKeyedStateEntries());
            }
            assertThat(entries.get(29)).as("state entries after 30 windows vs after 5: %s", entries).isEqualTo(entries.get(4));
            assertThat(entries.get(29)).isGreaterThanOrEqualTo(200 * 4);
            h.processBothWatermarks(new Watermark(end + TTL.toMillis() - 1));
            assertThat(h.numKeyedStateEntries()).as("one millisecond before the TTL").isEqualTo(entries.get(29));
            h.processBothWatermarks(new Watermark(end + TTL.toMillis()));
            assertThat(h.numKeyedStateEntries()).as("every user idle past the TTL").isZero();
        }
    }
}
