package io.streamplatform.common.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import io.streamplatform.common.catalogue.Verifier.VerifiedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickstreamVerifierTest {
    private static final ClickstreamDefinition CLICKSTREAM = new ClickstreamDefinition();
    private static final long T0 = 1_764_583_200_000L; // a multiple of five minutes
    private static final long MINUTE = 60_000;
    private final ClickstreamOptions options = CLICKSTREAM.parse();

    private static Click click(String user, String product, Click.Action action, long price, long ts) {
        return new Click(user, product, "books", action, price, ts);
    }

    private static VerifiedRecord record(String key, byte[] value, Map<String, byte[]> headers) {
        return new VerifiedRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, 0, headers::get);
    }

    private static VerifiedRecord input(Click c, boolean tooLate) {
        Map<String, byte[]> h = new HashMap<>();
        h.put(Headers.RUN, "r".getBytes(StandardCharsets.UTF_8));
        if (tooLate) h.put(Headers.TOO_LATE, "86400000".getBytes(StandardCharsets.UTF_8));
        return record(c.user, ClickCodec.encode(c).getBytes(StandardCharsets.UTF_8), h);
    }

    @Test
    void cutsSessionsAtTheGapAndSumsWhatWasBought() {
        long gap = options.sessionGap.toMillis();
        List<Click> clicks = List.of(
                click("u", "p-1", Click.Action.VIEW, 100, T0),
                click("u", "p-1", Click.Action.CART, 100, T0 + gap), // exactly the gap: the same session (the windows touch)
                click("u", "p-1", Click.Action.PURCHASE, 100, T0 + 2 * gap),
                click("u", "p-2", Click.Action.PURCHASE, 250, T0 + 3 * gap + 1), // more than the gap: a new session
                click("v", "p-2", Click.Action.CLICK, 250, T0 + 1));
        var e = ClickstreamVerifier.recompute(clicks, options);
        Session first = e.sessions().get(Session.key("u", T0));
        assertThat(first.end).isEqualTo(T0 + 2 * gap);
        assertThat(first.views + first.clicks + first.carts + first.purchases).isEqualTo(3);
        assertThat(first.products).isEqualTo(1);
        assertThat(first.revenueCents).isEqualTo(100);
        assertThat(first.converted()).isTrue();
        assertThat(e.sessions()).containsOnlyKeys(Session.key("u", T0), Session.key("u", T0 + 3 * gap + 1), Session.key("v", T0 + 1));
        assertThat(e.sessions().get(Session.key("v", T0 + 1)).converted()).isFalse();
    }

    @Test
    void ranksTrendingProductsByClicksThenByIdInEverySlidingWindowThatHoldsThem() {
        List<Click> clicks = new ArrayList<>();
        for (String p : List.of("p-9", "p-3", "p-3", "p-5", "p-5", "p-1")) clicks.add(click("u", p, Click.Action.VIEW, 1, T0 + 10));
        var e = ClickstreamVerifier.recompute(clicks, CLICKSTREAM.parse("--top-n", "3"));
        // 5-minute windows sliding by a minute: the five that start at T0-4m .. T0 hold a click at T0+10ms.
        assertThat(e.trending()).hasSize(5).containsKey(Trending.key(T0)).containsKey(Trending.key(T0 - 4 * MINUTE));
        assertThat(e.trending().get(Trending.key(T0)).top).containsExactly(
                new Trending.ProductCount("p-3", 2), new Trending.ProductCount("p-5", 2), new Trending.ProductCount("p-1", 1));
        assertThat(e.funnels().get(Funnel.key("books", T0)).views).isEqualTo(6);
        assertThat(e.funnels().get(Funnel.key(Funnel.ALL, T0)).views).as("every category together").isEqualTo(6);
    }

    /** Feeds the run's input, then what the job would write: the expected records, some rewritten or out of place. */
    private Verifier verifierWithInput(List<Click> clicks, Click tooLate) {
        Verifier v = CLICKSTREAM.verifierFor(options, new RunFacts("r", clicks.size() + 1, 0));
        for (Click c : clicks) v.accept("input", input(c, false), 0);
        v.accept("input", input(tooLate, true), 0);
        return v;
    }

    private static void write(Verifier v, ClickstreamVerifier.Expected e) {
        e.sessions().forEach((k, s) -> v.accept("sessions", record(k, s.encode(), Map.of()), 0));
        e.funnels().forEach((k, f) -> v.accept("funnel", record(k, f.encode(), Map.of()), 0));
        e.trending().forEach((k, t) -> v.accept("trending", record(k, t.encode(), Map.of()), 0));
    }

    private static VerifiedRecord lateDeadLetter(Click c) {
        return record(c.user, ClickCodec.encode(c).getBytes(StandardCharsets.UTF_8),
                Map.of(Headers.DLQ_REASON, (Headers.LATE_REASON + "behind").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void passesTheLastValuePerKeyAndFailsOnAWrongAMissingOrAStaleOne() {
        List<Click> clicks = List.of(click("u", "p-1", Click.Action.VIEW, 100, T0), click("u", "p-2", Click.Action.PURCHASE, 300, T0 + MINUTE));
        Click tooLate = click("u", "p-1", Click.Action.VIEW, 100, T0 - 86_400_000L);
        var expected = ClickstreamVerifier.recompute(clicks, options);

        Verifier v = verifierWithInput(clicks, tooLate);
        // A first summary of the session before the late purchase, then the final one under the same key.
        Session early = ClickstreamVerifier.recompute(clicks.subList(0, 1), options).sessions().get(Session.key("u", T0));
        v.accept("sessions", record(early.key(), early.encode(), Map.of()), 0);
        write(v, expected);
        assertThat(v.complete()).as("not yet: the too-late click is neither dead-lettered nor counted").isFalse();
        v.accept("dlq", lateDeadLetter(tooLate), 0);
        assertThat(v.complete()).isTrue();
        assertThat(v.verdict().problems()).isEmpty();
        assertThat(v.verdict().figures()).containsEntry("too_late", "1").containsEntry("sessions", "1").containsEntry("rewrites", "1");

        // A stale session (a start a late click moved) left without its tombstone fails; the tombstone fixes it.
        Verifier stale = verifierWithInput(clicks, tooLate);
        write(stale, expected);
        stale.accept("dlq", lateDeadLetter(tooLate), 0);
        Session moved = Session.decode(early.encode());
        moved.start = T0 + 1;
        moved.end = T0 + 1;
        stale.accept("sessions", record(moved.key(), moved.encode(), Map.of()), 0);
        assertThat(stale.complete()).isFalse();
        assertThat(stale.verdict().problems()).isEqualTo("sessions: 0 missing, 0 wrong, 1 unexpected, 0 undecodable or under the wrong key");
        stale.accept("sessions", record(moved.key(), null, Map.of()), 0);
        assertThat(stale.verdict().problems()).isEmpty();

        Verifier wrong = verifierWithInput(clicks, tooLate);
        write(wrong, expected);
        wrong.accept("dlq", lateDeadLetter(tooLate), 0);
        wrong.accept("sessions", record(early.key(), early.encode(), Map.of()), 0);
        assertThat(wrong.complete()).isFalse();
        assertThat(wrong.verdict().problems()).contains("sessions: 0 missing, 1 wrong");

        Verifier missing = verifierWithInput(clicks, tooLate);
        write(missing, expected);
        missing.accept("funnel", record(Funnel.key("books", T0), null, Map.of()), 0);
        // Without its late dead letter, the too-late click was counted: its day-old session, funnel and windows are due.
        assertThat(missing.verdict().problems()).contains("funnels: 3 missing", "sessions: 1 missing");
    }

    @Test
    void takesTheJobsLatenessDecisionsFromTheDeadLettersButOnlyForClicksSentTooLate() {
        List<Click> clicks = List.of(click("u", "p-1", Click.Action.VIEW, 100, T0));
        Click tooLate = click("u", "p-1", Click.Action.VIEW, 100, T0 - 86_400_000L);
        Verifier v = verifierWithInput(clicks, tooLate);
        List<Click> counted = List.of(clicks.get(0), tooLate);
        write(v, ClickstreamVerifier.recompute(counted, options));
        assertThat(v.complete()).as("read before the watermark passed it: counted, and that is consistent").isTrue();
        assertThat(v.verdict().figures()).containsEntry("too_late", "0").containsEntry("too_late_on_time", "1");

        Verifier wrongLate = verifierWithInput(clicks, tooLate);
        write(wrongLate, ClickstreamVerifier.recompute(List.of(), options));
        wrongLate.accept("dlq", lateDeadLetter(tooLate), 0);
        wrongLate.accept("dlq", lateDeadLetter(clicks.get(0)), 0);
        assertThat(wrongLate.verdict().problems()).startsWith("1 late dead letters are not clicks sent too late");
    }
}
