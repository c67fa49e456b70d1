package io.streamplatform.common.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.GeneratorSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationsGeneratorTest {
    static final long NOW = 1_796_000_000_000L;

    record Sent(String role, byte[] key, byte[] value, long ts, boolean valid) {}

    static List<Sent> generate(int users, long count, double malformed, long seed) {
        RecommendationsGenerator g = new RecommendationsGenerator(new GeneratorSettings("r", users, 32, malformed, seed, count), () -> NOW);
        List<Sent> out = new ArrayList<>();
        for (long i = 0; i < count && g.next(); i++) out.add(new Sent(g.role(), g.key(), g.value(), g.timestamp(), g.valid()));
        return out;
    }

    @Test
    void theCatalogueComesFirstThenWatchesAndChangesInEventTimeOrder() {
        List<Sent> sent = generate(50, 60_000, 0.01, 3);
        assertThat(sent).hasSize(60_000);
        assertThat(sent.stream().filter(s -> !s.valid).count()).isEqualTo(new MalformedPlan(0.01).malformedIn(60_000));
        WatchCodec codec = new WatchCodec(Integer.MAX_VALUE);
        List<Sent> valid = sent.stream().filter(Sent::valid).toList();
        assertThat(valid.subList(0, RecommendationsGenerator.INITIAL_VIDEOS)).allSatisfy(s -> assertThat(s.role).isEqualTo("videos"));
        long maxTs = Long.MIN_VALUE;
        Map<String, List<Long>> changes = new HashMap<>();
        Map<String, List<Long>> watchTimes = new HashMap<>();
        int unknown = 0;
        int catalogueRecords = 0;
        for (Sent s : valid) {
            assertThat(s.ts).as("never later than the clock").isLessThanOrEqualTo(NOW);
            if (s.role == null) {
                Watch w = codec.parseWatch(s.value);
                assertThat(w).isNotNull();
                assertThat(new String(s.key)).isEqualTo(w.user);
                assertThat(w.ts).isEqualTo(s.ts).isGreaterThan(maxTs - 1_500 - 1);
                watchTimes.computeIfAbsent(w.video, k -> new ArrayList<>()).add(w.ts);
                if (w.video.startsWith("v-gone-")) unknown++;
            } else {
                assertThat(s.role).isEqualTo("videos");
                Video v = codec.parseVideo(s.value);
                assertThat(v).isNotNull();
                if (++catalogueRecords > RecommendationsGenerator.INITIAL_VIDEOS) {
                    changes.computeIfAbsent(v.video, k -> new ArrayList<>()).add(s.ts); // a new video or a category change
                }
            }
            maxTs = Math.max(maxTs, s.ts);
        }
        assertThat(unknown).as("some watches of videos never in the catalogue").isPositive();
        long changed = changes.values().stream().mapToLong(List::size).sum();
        assertThat(changed).as("new videos and category changes mid-run").isGreaterThanOrEqualTo(10);
        // No watch within the clear margin of a change of its video (less 1.5 s of disorder and a session's length).
        for (var e : changes.entrySet()) {
            for (long c : e.getValue()) {
                for (long t : watchTimes.getOrDefault(e.getKey(), List.of())) {
                    assertThat(Math.abs(t - c)).as("watch of %s at %d, changed at %d", e.getKey(), t, c).isGreaterThan(30 * 60_000L);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<Sent> a = generate(20, 5_000, 0.02, 9);
        List<Sent> b = generate(20, 5_000, 0.02, 9);
        for (int i = 0; i < a.size(); i++) assertThat(b.get(i).value).isEqualTo(a.get(i).value);
        assertThat(generate(20, 5_000, 0.02, 10).get(400).value).isNotEqualTo(a.get(400).value);
    }
}
