package io.streamplatform.common.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier's recomputation against a small case worked out by hand, and its verdicts on lists that are missing,
 * wrong, or hold a video the user already watched.
 */
class RecommendationsVerifierTest {
    static final String RUN = "run-1";
    static final long MIN = 60_000;
    final RecommendationsDefinition job = new RecommendationsDefinition();

    /** Input records of the worked example, in the order the job would read them. */
    final List<Object[]> input = new ArrayList<>();
    int malformed;

    RecommendationsVerifier verifier(long valid, long malformed) {
        return new RecommendationsVerifier(job.parse(), new RunFacts(RUN, valid, malformed));
    }

    void video(String id, String category, long ts) {
        input.add(new Object[] {"videos", WatchCodec.encode(new Video(id, "T " + id, category, 100_000)), ts});
    }

    void watch(String user, String video, String action, long position, long ts) {
        input.add(new Object[] {"watches", WatchCodec.encode(new Watch(user, video, action, position, ts)), ts});
    }

    static Verifier.VerifiedRecord record(byte[] value, long ts, Map<String, String> headers) {
        return new Verifier.VerifiedRecord(null, value, ts, name -> headers.containsKey(name) ? headers.get(name).getBytes(StandardCharsets.UTF_8) : null);
    }

    RecommendationsVerifier fed() {
        RecommendationsVerifier v = verifier(input.size(), malformed);
        for (Object[] r : input) v.accept((String) r[0], record((byte[]) r[1], (Long) r[2], Map.of(Headers.RUN, RUN)), 0);
        return v;
    }

    static Recommendation list(String user, long end, Object... videoScore) {
        String[] v = new String[videoScore.length / 2];
        double[] s = new double[videoScore.length / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = (String) videoScore[2 * i];
            s[i] = (Double) videoScore[2 * i + 1];
        }
        return new Recommendation(user, end, v, s);
    }

    static void out(RecommendationsVerifier v, Recommendation r) {
        v.accept("recommendations", record(r.encode(), r.windowEnd - 1, Map.of()), 0);
    }

    static void deadLetter(RecommendationsVerifier v, String reason) {
        v.accept("dlq", record(new byte[0], 0, Map.of(Headers.RUN, RUN, Headers.DLQ_REASON, reason)), 0);
    }

    /**
     * Three users in one 10-minute window; u1 again 20 minutes later, and after the 2 h TTL; a watch of a video the
     * catalogue never had. Worked out by hand from the README's algorithm (all videos 100 s long):
     * <ul>
     *   <li>window 1: u1 watched v1 (complete) and v2 (50 s); u2 v1 (20 s) and v3 (complete); u3 v2 (complete), v3 (10 s) and
     *       v4 (complete). Co-watch: (v1,v2)=1, (v1,v3)=1, (v2,v3)=1, (v2,v4)=1, (v3,v4)=1.
     *       u1: comedy 1.5; v3 = 1+1 = 2 x (1 + news 0) = 2.0, v4 = 1 x 1 = 1.0. u2: comedy 0.2, news 1.0; v2 = 2 x 1.2,
     *       v4 = 1 x 2.0. u3: comedy 1.0, news 1.1; v1 = 2 x 2.0 = 4.0.</li>
     *   <li>window 3: u1 alone watches v3: no co-watched candidates, the list becomes empty (a change, so emitted).</li>
     *   <li>window 16 (2 h 10 min after u1's last window): u1 and u2 are forgotten first. u1 watches v4, u2 v4 and v1:
     *       u1 gets v1 = 1 x (1 + 0) = 1.0 (watched before the reset, allowed again); u2 has no candidate, and an empty
     *       list is no change after a reset, so nothing is emitted for u2.</li>
     * </ul>
     */
    @Test
    void recomputesAWorkedExampleExactly() {
        long w1 = 10 * MIN, w3 = 30 * MIN, w16 = 160 * MIN;
        video("v1", "comedy", 0);
        video("v2", "comedy", 0);
        video("v3", "news", 0);
        video("v4", "news", 0);
        watch("u1", "v1", Watch.PLAY, 0, 1_000);
        watch("u1", "v1", Watch.COMPLETE, 100_000, 100_000);
        watch("u1", "v2", Watch.PAUSE, 50_000, 200_000);
        watch("u2", "v1", Watch.PAUSE, 20_000, 30_000);
        watch("u2", "v3", Watch.COMPLETE, 100_000, 130_000);
        watch("u3", "v2", Watch.COMPLETE, 100_000, 300_000);
        watch("u3", "v3", Watch.SEEK, 10_000, 310_000);
        watch("u3", "v4", Watch.COMPLETE, 100_000, 599_999);
        watch("u1", "v3", Watch.COMPLETE, 100_000, 25 * MIN);
        watch("u1", "v4", Watch.PLAY, 60_000, 155 * MIN);
        watch("u2", "v4", Watch.PLAY, 10_000, 155 * MIN);
        watch("u2", "v1", Watch.PLAY, 10_000, 156 * MIN);
        watch("u3", "v-none", Watch.PLAY, 0, 157 * MIN);

        RecommendationsVerifier v = fed();
        RecommendationsVerifier.Model m = v.model();
        assertThat(m.unknown).isEqualTo(1);
        assertThat(m.resets).isEqualTo(2);
        List<Recommendation> expected = List.of(
                list("u1", w1, "v3", 2.0, "v4", 1.0),
                list("u2", w1, "v2", 2 * (1 + 0.2), "v4", 2.0),
                list("u3", w1, "v1", 4.0),
                list("u1", w3),
                list("u1", w16, "v1", 1.0));
        assertThat(m.lists.values()).containsExactlyInAnyOrderElementsOf(expected);

        expected.forEach(r -> out(v, r));
        assertThat(v.complete()).as("the unknown video's dead letter is still to come").isFalse();
        deadLetter(v, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-none");
        assertThat(v.complete()).isTrue();
        Verifier.Verdict verdict = v.verdict();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.figures()).containsEntry("lists", "5").containsEntry("unknown", "1").containsEntry("final_wrong", "0");
    }

    /**
     * The profile decays by the time between a user's windows: u9 watches x (news, complete) in the window ending at
     * 10 min and p (comedy, half) in the one ending at 70 min, one half-life later: news 1.0 x 0.5 = 0.5, comedy 0.5.
     * u8 watched x with y (comedy) and p with q (news): u9 gets y = 1 x (1 + 0) = 1.0, then q = 1 x (1 + 0.5) = 1.5.
     */
    @Test
    void theProfileDecaysByHalfOverAHalfLife() {
        video("x", "news", 0);
        video("y", "comedy", 0);
        video("p", "comedy", 0);
        video("q", "news", 0);
        watch("u9", "x", Watch.COMPLETE, 0, MIN);
        watch("u8", "x", Watch.PLAY, 0, 2 * MIN);
        watch("u8", "y", Watch.PLAY, 0, 3 * MIN);
        watch("u9", "p", Watch.PAUSE, 50_000, 61 * MIN);
        watch("u8", "p", Watch.PLAY, 0, 62 * MIN);
        watch("u8", "q", Watch.PLAY, 0, 63 * MIN);
        assertThat(fed().model().lists.values()).containsExactlyInAnyOrder(list("u9", 10 * MIN, "y", 1.0), list("u9", 70 * MIN, "q", 1.5));
    }

    @Test
    void aMissingWrongOrAlreadyWatchedListFailsTheRun() {
        recomputesAWorkedExampleExactly(); // builds the input
        long w1 = 10 * MIN, w3 = 30 * MIN, w16 = 160 * MIN;
        List<Recommendation> right = List.of(list("u1", w1, "v3", 2.0, "v4", 1.0), list("u2", w1, "v2", 2 * (1 + 0.2), "v4", 2.0),
                list("u3", w1, "v1", 4.0), list("u1", w3), list("u1", w16, "v1", 1.0));

        RecommendationsVerifier missing = fed();
        right.subList(0, 4).forEach(r -> out(missing, r));
        deadLetter(missing, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-none");
        assertThat(missing.complete()).isFalse();
        assertThat(missing.verdict().problems()).contains("1 missing").contains("missing u1 @" + w16);
        assertThat(missing.verdict().figures()).containsEntry("final_wrong", "1");

        RecommendationsVerifier wrong = fed();
        right.subList(1, 5).forEach(r -> out(wrong, r));
        out(wrong, list("u1", w1, "v3", 2.0, "v4", 1.0000000000000002));
        deadLetter(wrong, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-none");
        assertThat(wrong.verdict().problems()).contains("1 wrong");

        RecommendationsVerifier watched = fed();
        right.subList(0, 4).forEach(r -> out(watched, r));
        out(watched, list("u1", w16, "v1", 1.0, "v4", 1.0));
        deadLetter(watched, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-none");
        assertThat(watched.verdict().problems()).contains("1 recommended videos the user had already watched", "already watched v4");

        RecommendationsVerifier doubled = fed();
        right.forEach(r -> out(doubled, r));
        out(doubled, right.get(2));
        deadLetter(doubled, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-none");
        assertThat(doubled.verdict().problems()).contains("1 duplicated");

        RecommendationsVerifier noDeadLetter = fed();
        right.forEach(r -> out(noDeadLetter, r));
        assertThat(noDeadLetter.verdict().problems()).contains("0 dead letters of this run (0 unknown-video), expected 1");
    }

    @Test
    void aGeneratedRunWithItsOwnRecomputationAsOutputPasses() throws Exception {
        RecommendationsGenerator g = new RecommendationsGenerator(new GeneratorSettings(RUN, 40, 32, 0.01, 5, 30_000), () -> 1_796_000_000_000L);
        long valid = 0, bad = 0;
        List<Object[]> records = new ArrayList<>();
        while (valid + bad < 30_000 && g.next()) {
            records.add(new Object[] {g.role() == null ? "watches" : g.role(), g.value(), g.timestamp()});
            if (g.valid()) valid++;
            else bad++;
        }
        RecommendationsVerifier v = verifier(valid, bad);
        for (Object[] r : records) v.accept((String) r[0], record((byte[]) r[1], (Long) r[2], Map.of(Headers.RUN, RUN)), 0);
        RecommendationsVerifier.Model m = v.model();
        assertThat(m.lists).hasSizeGreaterThan(500);
        assertThat(m.resets).as("idle users come back after the TTL").isPositive();
        m.lists.values().forEach(r -> out(v, r));
        for (long i = 0; i < bad; i++) deadLetter(v, "not-json: x");
        for (long i = 0; i < m.unknown; i++) deadLetter(v, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-gone");
        assertThat(v.complete()).isTrue();
        assertThat(v.verdict().problems()).isEmpty();
        assertThat(v.verdict().summary()).anySatisfy(line -> assertThat(line).contains("final top-K"));
    }
}
