package io.streamplatform.common.grid;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves a run of the grid job from its topics, by plain batch computation and without trusting the job:
 * <ul>
 *   <li>input: reads back the run's readings (its {@code run} header); records of other runs are a problem;</li>
 *   <li>aggregates: recomputes each substation's window from the readings and compares the job's exactly
 *       (missing, wrong, extra, duplicated);</li>
 *   <li>dead letters: exactly the run's malformed records;</li>
 *   <li>alerts: each episode one firing and one resolved record; the resolved episodes scored against the injected
 *       ground truth ({@link GroundTruth}, slack = {@code --episode-gap}) must have precision and recall 1.0.</li>
 * </ul>
 */
final class GridVerifier implements Verifier {
    private static final int SHOWN = 3;

    private final RunFacts facts;
    private final byte[] run;
    private final long windowMs;
    private final long slackMs;
    private final ReadingCodec codec = new ReadingCodec();

    private long readings;
    private long malformedInput;
    private long foreign;
    private long deadLetters;
    private final GroundTruth truth = new GroundTruth();
    private long late;
    /** Expected aggregates by substation and window start, summed as the readings come. */
    private final Map<WindowKey, Sums> expected = new HashMap<>();

    private final Map<WindowKey, SubstationWindow> received = new HashMap<>();
    private long aggregateRecords;
    private long duplicatedAggregates;
    private long conflictingAggregates;
    private long notAggregates;

    private final List<Alert> alerts = new ArrayList<>();
    private long notAlerts;

    private boolean alertsChanged = true;
    private boolean allInjectedResolved;

    record WindowKey(String substation, long start) {}

    /** One window's readings as a plain sum: count, and per quantity min, sum, max. */
    static final class Sums {
        long count;
        final long[] min = new long[4];
        final long[] sum = new long[4];
        final long[] max = new long[4];

        void add(Reading r) {
            long[] v = {r.voltage, r.current, r.frequency, r.temperature};
            for (int i = 0; i < 4; i++) {
                min[i] = count == 0 ? v[i] : Math.min(min[i], v[i]);
                max[i] = count == 0 ? v[i] : Math.max(max[i], v[i]);
                sum[i] += v[i];
            }
            count++;
        }

        SubstationWindow toWindow(WindowKey k, long windowMs) {
            SubstationWindow w = new SubstationWindow();
            w.substation = k.substation;
            w.windowStart = k.start;
            w.windowEnd = k.start + windowMs;
            w.readings = count;
            w.voltage = stat(0);
            w.current = stat(1);
            w.frequency = stat(2);
            w.temperature = stat(3);
            return w;
        }

        private SubstationWindow.Stat stat(int i) {
            return new SubstationWindow.Stat(min[i], Fixed.mean(sum[i], count), max[i]);
        }
    }

    GridVerifier(GridOptions options, RunFacts facts) {
        this.facts = facts;
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
        this.windowMs = options.aggregateWindow.toMillis();
        this.slackMs = options.episodeGap.toMillis();
    }

    @Override
    public List<String> roles() {
        return List.of(GridDefinition.INPUT.role(), GridDefinition.AGGREGATES.role(), GridDefinition.ALERTS.role(), GridDefinition.DLQ.role());
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        if (role.equals(GridDefinition.INPUT.role())) {
            if (!Arrays.equals(run, record.header(Headers.RUN))) {
                foreign++;
                return;
            }
            Reading r = codec.parse(record.value());
            if (r == null) {
                malformedInput++;
                return;
            }
            readings++;
            expected.computeIfAbsent(new WindowKey(r.substation, windowStart(r.ts)), k -> new Sums()).add(r);
            truth.accept(r.sensor, r.ts, record.header(Headers.ANOMALY));
        } else if (role.equals(GridDefinition.AGGREGATES.role())) {
            SubstationWindow w;
            try {
                w = SubstationWindow.decode(record.value() == null ? new byte[0] : record.value());
            } catch (IllegalArgumentException e) {
                notAggregates++;
                return;
            }
            aggregateRecords++;
            SubstationWindow before = received.putIfAbsent(new WindowKey(w.substation, w.windowStart), w);
            if (before != null) {
                if (before.equals(w)) duplicatedAggregates++;
                else conflictingAggregates++;
            }
        } else if (role.equals(GridDefinition.ALERTS.role())) {
            try {
                alerts.add(Alert.decode(record.value() == null ? new byte[0] : record.value()));
                alertsChanged = true;
            } catch (IllegalArgumentException e) {
                notAlerts++;
            }
        } else if (role.equals(GridDefinition.DLQ.role())) {
            if (Arrays.equals(run, record.header(Headers.RUN))) deadLetters++;
            else if (Verifier.isLate(record)) late++;
        }
    }

    /** The start of the tumbling window holding {@code ts} (as Flink's, offset 0). */
    long windowStart(long ts) {
        return ts - Math.floorMod(ts, windowMs);
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("readings", readings);
        p.put("dlq", deadLetters);
        p.put("aggregates", aggregateRecords);
        p.put("alerts", (long) alerts.size());
        return p;
    }

    private boolean inputComplete() {
        return readings == facts.valid() && malformedInput == facts.malformed();
    }

    @Override
    public boolean complete() {
        if (!inputComplete() || deadLetters < facts.malformed() || received.size() < expected.size()) return false;
        for (WindowKey k : expected.keySet()) if (!received.containsKey(k)) return false;
        if (alertsChanged) {
            alertsChanged = false;
            allInjectedResolved = truth.score(resolvedEpisodes(), slackMs).missed().isEmpty();
        }
        return allInjectedResolved;
    }

    private List<GroundTruth.Detected> resolvedEpisodes() {
        List<GroundTruth.Detected> out = new ArrayList<>();
        for (Alert a : alerts) if (!a.isFiring()) out.add(new GroundTruth.Detected(a.subject, a.kind, a.start, a.end));
        return out;
    }

    @Override
    public Verdict verdict() {
        List<String> problems = new ArrayList<>();
        if (foreign > 0) problems.add("the input topic holds " + foreign + " records of other runs");
        if (readings != facts.valid() || malformedInput != facts.malformed()) {
            problems.add("read back " + readings + " valid and " + malformedInput + " malformed input records, the producer sent "
                    + facts.valid() + " and " + facts.malformed());
        }
        if (deadLetters != facts.malformed()) problems.add(deadLetters + " dead letters of this run, expected " + facts.malformed());
        if (late > 0) problems.add(late + " readings dead-lettered as late");

        // Aggregates: the job's against the recomputed ones, exactly.
        long missing = 0, wrong = 0, extra = 0;
        List<String> examples = new ArrayList<>();
        List<Map.Entry<WindowKey, Sums>> inOrder = new ArrayList<>(expected.entrySet());
        inOrder.sort(Map.Entry.comparingByKey(Comparator.comparing(WindowKey::substation).thenComparingLong(WindowKey::start)));
        for (var e : inOrder) {
            SubstationWindow want = e.getValue().toWindow(e.getKey(), windowMs);
            SubstationWindow got = received.get(e.getKey());
            if (got == null) {
                missing++;
                if (examples.size() < SHOWN) examples.add("missing " + want);
            } else if (!got.equals(want)) {
                wrong++;
                if (examples.size() < SHOWN) examples.add("wrong " + got + ", expected " + want);
            }
        }
        for (WindowKey k : received.keySet()) {
            if (!expected.containsKey(k)) {
                extra++;
                if (examples.size() < SHOWN) examples.add("extra " + received.get(k));
            }
        }
        wrong += conflictingAggregates;
        if (missing + wrong + extra + duplicatedAggregates > 0) {
            problems.add("aggregates: " + missing + " missing, " + wrong + " wrong, " + extra + " extra, " + duplicatedAggregates
                    + " duplicated (" + String.join("; ", examples) + ")");
        }
        if (notAggregates > 0) problems.add(notAggregates + " records of the aggregates topic are not aggregates");

        // Alerts: one firing and one resolved record per episode.
        Map<String, int[]> pairs = new LinkedHashMap<>();
        for (Alert a : alerts) pairs.computeIfAbsent(a.kind + " " + a.subject + " " + a.start, k -> new int[2])[a.isFiring() ? 0 : 1]++;
        long firingOnly = 0, resolvedOnly = 0, doubled = 0;
        List<String> alertExamples = new ArrayList<>();
        for (var p : pairs.entrySet()) {
            int f = p.getValue()[0], r = p.getValue()[1];
            if (f > 1 || r > 1) doubled++;
            if (f > 0 && r == 0) firingOnly++;
            if (f == 0 && r > 0) resolvedOnly++;
            if ((f != 1 || r != 1) && alertExamples.size() < SHOWN) alertExamples.add(p.getKey() + " firing " + f + "x resolved " + r + "x");
        }
        if (firingOnly + resolvedOnly + doubled > 0) {
            problems.add("alerts: " + firingOnly + " firing never resolved, " + resolvedOnly + " resolved never fired, " + doubled
                    + " duplicated (" + String.join("; ", alertExamples) + ")");
        }
        if (notAlerts > 0) problems.add(notAlerts + " records of the alerts topic are not alerts");

        List<GroundTruth.Detected> detected = resolvedEpisodes();
        GroundTruth.Score score = truth.score(detected, slackMs);
        if (!score.perfect()) problems.add(score.problem());

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("readings", Long.toString(readings));
        figures.put("dlq", Long.toString(deadLetters));
        figures.put("aggregates", Long.toString(received.size()));
        figures.put("aggregates_wrong", Long.toString(missing + wrong + extra + duplicatedAggregates));
        figures.put("episodes", Integer.toString(truth.episodes().size()));
        figures.put("detected", Integer.toString(detected.size()));
        figures.put("alerts", Long.toString(alerts.size()));
        score.addFigures(figures);

        Map<String, Integer> injectedByKind = byKind();
        Map<String, Integer> detectedByKind = byKind();
        for (GroundTruth.Injected i : truth.episodes()) for (String k : i.kinds()) injectedByKind.merge(k, 1, Integer::sum);
        for (GroundTruth.Detected d : detected) detectedByKind.merge(d.kind(), 1, Integer::sum);
        List<String> summary = List.of(
                String.format("  readings      %,d valid, %,d malformed read back (%,d foreign); %,d dead letters (expected %,d)",
                        readings, malformedInput, foreign, deadLetters, facts.malformed()),
                String.format("  aggregates    %,d windows expected, %,d received: %,d missing, %,d wrong, %,d extra, %,d duplicated",
                        expected.size(), received.size(), missing, wrong, extra, duplicatedAggregates),
                "  injected      " + counts(injectedByKind) + " (" + truth.episodes().size() + " episodes)",
                "  detected      " + counts(detectedByKind) + " (precision " + figures.get("precision") + ", recall " + figures.get("recall") + ")",
                String.format("  alerts        %,d records: %,d firing never resolved, %,d resolved never fired, %,d duplicated",
                        alerts.size(), firingOnly, resolvedOnly, doubled));
        return new Verdict(String.join("; ", problems), figures, summary);
    }

    private static Map<String, Integer> byKind() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : GridDefinition.KINDS) m.put(k, 0);
        return m;
    }

    private static String counts(Map<String, Integer> byKind) {
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, n) -> parts.add(k + " " + n));
        return String.join(", ", parts);
    }
}
