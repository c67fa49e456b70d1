package io.streamplatform.common.clickstream;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Proves a run of the clickstream job from scratch: reads the run's clicks back (read_committed), recomputes every
 * session, funnel and trending window with plain batch code — sort each user's clicks and cut where the next comes
 * more than the gap after the last (session windows that touch are one session), count per window — and compares
 * them exactly with what the job's upsert topics hold at the end (the last record per key; a tombstone removes its
 * key).
 *
 * <p>Whether a click is too late is the job's decision against its watermark when it reads the click, and the
 * watermark moves in steps (every 200 ms): reading a backlog, the first clicks are read before any watermark. So the
 * verifier takes the decisions from the dead letters — a late dead letter is the click itself — and recomputes with
 * every click that was not dead-lettered. Only clicks the generator sent too late (the {@link Headers#TOO_LATE}
 * header: a day or more behind) may be dead-lettered as late; any other late dead letter fails the run.
 */
final class ClickstreamVerifier implements Verifier {
    private final ClickstreamOptions options;
    private final RunFacts facts;
    private final byte[] run;
    private final ClickCodec codec;
    private final List<Click> clicks = new ArrayList<>();
    private final Upserts<Session> sessions = new Upserts<>(Session::decode, Session::key);
    private final Upserts<Funnel> funnels = new Upserts<>(Funnel::decode, Funnel::key);
    private final Upserts<Trending> trending = new Upserts<>(Trending::decode, t -> Trending.key(t.start));
    private long records;
    private long malformed;
    /** Clicks sent too late, and the late dead letters (clicks the job found too late), by click. */
    private final Map<Click, Long> tooLate = new HashMap<>();
    private final Map<Click, Long> lateClicks = new HashMap<>();
    private long tooLateSent;
    private long foreign;
    private long deadLetters;
    private long lateDeadLetters;
    private long lateNotClicks;
    private long expectedFor = -1;
    private Expected expected;
    private boolean changed = true;
    private boolean complete;

    /** The last value per key of one upsert topic, as a compacted topic keeps it. */
    static final class Upserts<T> {
        final Map<String, T> last = new HashMap<>();
        final Function<byte[], T> decode;
        final Function<T, String> keyOf;
        long records;
        long tombstones;
        long undecodable;
        long wrongKeys;

        Upserts(Function<byte[], T> decode, Function<T, String> keyOf) {
            this.decode = decode;
            this.keyOf = keyOf;
        }

        void accept(byte[] key, byte[] value) {
            records++;
            String k = key == null ? "" : new String(key, StandardCharsets.UTF_8);
            if (value == null) {
                tombstones++;
                last.remove(k);
                return;
            }
            try {
                T t = decode.apply(value);
                if (!keyOf.apply(t).equals(k)) wrongKeys++;
                last.put(k, t);
            } catch (IllegalArgumentException e) {
                undecodable++;
            }
        }

        /** Missing, wrong and unexpected keys against {@code expected}, and the first wrong value. */
        Comparison compare(Map<String, T> expected) {
            long missing = 0, wrong = 0;
            String firstWrong = null;
            for (var e : expected.entrySet()) {
                T got = last.get(e.getKey());
                if (got == null) missing++;
                else if (!got.equals(e.getValue())) {
                    wrong++;
                    if (firstWrong == null) firstWrong = "expected " + e.getValue() + ", got " + got;
                }
            }
            long unexpected = last.keySet().stream().filter(k -> !expected.containsKey(k)).count();
            return new Comparison(expected.size(), missing, wrong, unexpected, undecodable + wrongKeys, firstWrong);
        }
    }

    record Comparison(long expected, long missing, long wrong, long unexpected, long broken, String firstWrong) {
        boolean exact() {
            return missing + wrong + unexpected + broken == 0;
        }

        String problem(String what) {
            return what + ": " + missing + " missing, " + wrong + " wrong, " + unexpected + " unexpected, " + broken + " undecodable or under the wrong key"
                    + (firstWrong == null ? "" : " (first wrong: " + firstWrong + ")");
        }
    }

    /** What the clicks call for. */
    record Expected(Map<String, Session> sessions, Map<String, Funnel> funnels, Map<String, Trending> trending) {}

    ClickstreamVerifier(ClickstreamOptions options, RunFacts facts) {
        this.options = options;
        this.facts = facts;
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
        this.codec = new ClickCodec(options.maxRecordBytes);
    }

    @Override
    public List<String> roles() {
        return List.of(ClickstreamDefinition.INPUT.role(), ClickstreamDefinition.SESSIONS.role(), ClickstreamDefinition.FUNNEL.role(),
                ClickstreamDefinition.TRENDING.role(), ClickstreamDefinition.DLQ.role());
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        changed = true;
        switch (role) {
            case "input" -> {
                if (!Arrays.equals(run, record.header(Headers.RUN))) {
                    foreign++;
                    return;
                }
                records++;
                Click c = codec.parse(record.value());
                if (c == null) malformed++;
                else if (record.header(Headers.TOO_LATE) != null) {
                    tooLateSent++;
                    tooLate.merge(c, 1L, Long::sum);
                }
                else clicks.add(c);
            }
            case "sessions" -> sessions.accept(record.key(), record.value());
            case "funnel" -> funnels.accept(record.key(), record.value());
            case "trending" -> trending.accept(record.key(), record.value());
            case "dlq" -> {
                if (Arrays.equals(run, record.header(Headers.RUN))) deadLetters++;
                else if (Verifier.isLate(record)) {
                    lateDeadLetters++;
                    Click c = codec.parse(record.value());
                    if (c == null) lateNotClicks++;
                    else lateClicks.merge(c, 1L, Long::sum);
                }
            }
            default -> throw new IllegalArgumentException("role " + role);
        }
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("clicks", records);
        p.put("sessions", (long) sessions.last.size());
        p.put("funnels", (long) funnels.last.size());
        p.put("trending", (long) trending.last.size());
        p.put("dlq", deadLetters + lateDeadLetters);
        return p;
    }

    private boolean inputComplete() {
        return records >= facts.valid() + facts.malformed();
    }

    @Override
    public boolean complete() {
        if (!changed) return complete;
        changed = false;
        if (!inputComplete()) return complete = false;
        Expected e = expected();
        complete = deadLetters >= facts.malformed() && unexplainedLate() == 0
                && sessions.compare(e.sessions).exact() && funnels.compare(e.funnels).exact() && trending.compare(e.trending).exact();
        return complete;
    }

    /** Late dead letters that are not a click the generator sent too late (beyond those already matched). */
    private long unexplainedLate() {
        long n = lateNotClicks;
        for (var e : lateClicks.entrySet()) n += Math.max(0, e.getValue() - tooLate.getOrDefault(e.getKey(), 0L));
        return n;
    }

    /** The too-late clicks the job did not dead-letter: read before the watermark had passed them, so counted. */
    private List<Click> onTime() {
        List<Click> out = new ArrayList<>();
        tooLate.forEach((c, n) -> {
            for (long i = lateClicks.getOrDefault(c, 0L); i < n; i++) out.add(c);
        });
        return out;
    }

    /** The expected output, once the whole input is in; again when more late dead letters have come. */
    Expected expected() {
        if (expected == null || expectedFor != lateDeadLetters) {
            List<Click> counted = new ArrayList<>(clicks);
            counted.addAll(onTime());
            expected = recompute(counted, options);
            expectedFor = lateDeadLetters;
        }
        return expected;
    }

    /** The documented computation, in batch: every click counted, none streamed. */
    static Expected recompute(List<Click> clicks, ClickstreamOptions o) {
        List<Click> sorted = new ArrayList<>(clicks);
        sorted.sort(Comparator.comparing((Click c) -> c.user).thenComparingLong(c -> c.ts));
        Map<String, Session> sessions = new HashMap<>();
        long gap = o.sessionGap.toMillis();
        Session s = null;
        Set<String> products = new HashSet<>();
        for (Click c : sorted) {
            if (s == null || !s.user.equals(c.user) || c.ts - s.end > gap) {
                if (s != null) sessions.put(s.key(), s);
                s = new Session();
                s.user = c.user;
                s.start = c.ts;
                products.clear();
            }
            s.end = c.ts;
            switch (c.action) {
                case VIEW -> s.views++;
                case CLICK -> s.clicks++;
                case CART -> s.carts++;
                case PURCHASE -> {
                    s.purchases++;
                    s.revenueCents += c.priceCents;
                }
            }
            if (products.add(c.product)) s.products++;
        }
        if (s != null) sessions.put(s.key(), s);

        Map<String, Funnel> funnels = new HashMap<>();
        long fw = o.funnelWindow.toMillis();
        for (Click c : clicks) {
            long start = Math.floorDiv(c.ts, fw) * fw;
            Funnel f = funnels.computeIfAbsent(Funnel.key(c.category, start), k -> {
                Funnel n = new Funnel();
                n.category = c.category;
                n.start = start;
                n.end = start + fw;
                return n;
            });
            switch (c.action) {
                case VIEW -> f.views++;
                case CLICK -> f.clicks++;
                case CART -> f.carts++;
                case PURCHASE -> f.purchases++;
            }
        }

        Map<Long, List<Funnel>> byWindow = new HashMap<>();
        for (Funnel f : funnels.values()) byWindow.computeIfAbsent(f.start, k -> new ArrayList<>()).add(f);
        for (List<Funnel> window : byWindow.values()) {
            Funnel total = Funnel.total(window);
            funnels.put(total.key(), total);
        }

        long size = o.trendingWindow.toMillis(), slide = o.trendingSlide.toMillis();
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        for (Click c : clicks) {
            for (long start = Math.floorDiv(c.ts, slide) * slide; start > c.ts - size; start -= slide) {
                counts.computeIfAbsent(start, k -> new HashMap<>()).merge(c.product, 1L, Long::sum);
            }
        }
        Map<String, Trending> trending = new HashMap<>();
        counts.forEach((start, byProduct) -> trending.put(Trending.key(start), new Trending(start, start + size,
                byProduct.entrySet().stream().map(e -> new Trending.ProductCount(e.getKey(), e.getValue()))
                        .sorted(Trending.RANK).limit(o.topN).toList())));
        return new Expected(sessions, funnels, trending);
    }

    @Override
    public Verdict verdict() {
        List<String> problems = new ArrayList<>();
        if (foreign > 0) problems.add("the input topic holds " + foreign + " records of other runs (use fresh topics per verified run)");
        if (!inputComplete()) problems.add("read " + records + " of " + (facts.valid() + facts.malformed()) + " input records back");
        if (malformed != facts.malformed()) problems.add(malformed + " input records do not parse, the producer sent " + facts.malformed() + " malformed");
        if (deadLetters != facts.malformed()) problems.add(deadLetters + " dead letters, expected " + facts.malformed());
        if (unexplainedLate() > 0) problems.add(unexplainedLate() + " late dead letters are not clicks sent too late");
        Expected e = inputComplete() ? expected() : new Expected(Map.of(), Map.of(), Map.of());
        Comparison cs = sessions.compare(e.sessions), cf = funnels.compare(e.funnels), ct = trending.compare(e.trending);
        if (!cs.exact()) problems.add(cs.problem("sessions"));
        if (!cf.exact()) problems.add(cf.problem("funnels"));
        if (!ct.exact()) problems.add(ct.problem("trending"));

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("clicks", Long.toString(records));
        figures.put("dlq", Long.toString(deadLetters));
        figures.put("too_late", Long.toString(lateDeadLetters));
        long onTime = onTime().size();
        figures.put("too_late_on_time", Long.toString(onTime));
        figures.put("sessions", Long.toString(sessions.last.size()));
        figures.put("sessions_wrong", Long.toString(cs.missing() + cs.wrong() + cs.unexpected() + cs.broken()));
        figures.put("funnels", Long.toString(funnels.last.size()));
        figures.put("funnels_wrong", Long.toString(cf.missing() + cf.wrong() + cf.unexpected() + cf.broken()));
        figures.put("trending", Long.toString(trending.last.size()));
        figures.put("trending_wrong", Long.toString(ct.missing() + ct.wrong() + ct.unexpected() + ct.broken()));
        figures.put("rewrites", Long.toString(sessions.records + funnels.records + trending.records
                - sessions.last.size() - funnels.last.size() - trending.last.size()));
        long converted = e.sessions.values().stream().filter(Session::converted).count();
        long revenue = e.sessions.values().stream().mapToLong(x -> x.revenueCents).sum();
        List<String> summary = new ArrayList<>();
        summary.add(String.format("  input         %,d clicks of %,d users, %,d malformed, %,d sent too late", records,
                clicks.stream().map(c -> c.user).distinct().count(), malformed, tooLateSent));
        summary.add(String.format("  sessions      %,d checked against a recomputation (%,d converted, revenue %s): %,d missing, %,d wrong, %,d unexpected; %,d tombstones of merged sessions",
                cs.expected(), converted, Money.format(revenue), cs.missing(), cs.wrong(), cs.unexpected(), sessions.tombstones));
        summary.add(String.format("  funnels       %,d funnels (per category and all together, per window) checked: %,d missing, %,d wrong, %,d unexpected", cf.expected(), cf.missing(), cf.wrong(), cf.unexpected()));
        summary.add(String.format("  trending      %,d sliding windows' top %d checked: %,d missing, %,d wrong, %,d unexpected", ct.expected(), options.topN,
                ct.missing(), ct.wrong(), ct.unexpected()));
        summary.add(String.format("  late clicks   %,d records rewritten by clicks within the allowed lateness; %,d too late, dead-lettered%s",
                Long.parseLong(figures.get("rewrites")), lateDeadLetters,
                onTime == 0 ? "" : String.format(" (%,d sent too late were read before the watermark passed them: counted)", onTime)));
        summary.add(String.format("  dead letters  %,d malformed (expected %,d)", deadLetters, facts.malformed()));
        return new Verdict(String.join("; ", problems), figures, summary);
    }
}
