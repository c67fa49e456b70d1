package io.streamplatform.common.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import io.streamplatform.common.catalogue.Verifier.VerifiedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The verifier against a run's generated input and an output computed here, correct or broken in one way. */
class GridVerifierTest {
    static final String RUN = "run-1";
    static final int SENSORS = 20;
    static final long COUNT = SENSORS * 400L;
    static final long WINDOW = 60_000;

    final GridOptions options = new GridDefinition().parse();
    final List<GridGeneratorTest.Generated> input = GridGeneratorTest.generate(SENSORS, COUNT, 0.01, 3);
    final long malformed = input.stream().filter(g -> !g.valid()).count();
    final RunFacts facts = new RunFacts(RUN, COUNT - malformed, malformed);

    /** The job's correct output: aggregates recomputed here, one firing + resolved alert per injected detection. */
    final List<SubstationWindow> aggregates = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();

    GridVerifierTest() {
        ReadingCodec codec = new ReadingCodec();
        GroundTruth truth = new GroundTruth();
        Map<String, List<Reading>> windows = new TreeMap<>();
        Map<String, String> substationOf = new HashMap<>();
        for (GridGeneratorTest.Generated g : input) {
            Reading r = codec.parse(g.value());
            if (r == null) continue;
            windows.computeIfAbsent(r.substation + "|" + (r.ts / WINDOW) * WINDOW, k -> new ArrayList<>()).add(r);
            truth.accept(r.sensor, r.ts, g.anomaly());
            substationOf.put(r.sensor, r.substation);
        }
        for (var e : windows.entrySet()) {
            String[] k = e.getKey().split("\\|");
            List<Reading> rs = e.getValue();
            SubstationWindow w = new SubstationWindow();
            w.substation = k[0];
            w.windowStart = Long.parseLong(k[1]);
            w.windowEnd = w.windowStart + WINDOW;
            w.readings = rs.size();
            w.voltage = stat(rs.stream().mapToLong(r -> r.voltage).toArray());
            w.current = stat(rs.stream().mapToLong(r -> r.current).toArray());
            w.frequency = stat(rs.stream().mapToLong(r -> r.frequency).toArray());
            w.temperature = stat(rs.stream().mapToLong(r -> r.temperature).toArray());
            aggregates.add(w);
        }
        for (GroundTruth.Injected e : truth.episodes()) {
            for (String kind : e.kinds()) {
                Alert firing = Alert.firing(kind, e.key(), substationOf.get(e.key()), e.start(), "test");
                alerts.add(firing);
                alerts.add(firing.resolved(e.end(), "test"));
            }
        }
    }

    private static SubstationWindow.Stat stat(long[] values) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE, sum = 0;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        // Half up, the long way round.
        long avg = new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(values.length), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        return new SubstationWindow.Stat(min, avg, max);
    }

    private static VerifiedRecord record(byte[] key, byte[] value, long ts, Map<String, byte[]> headers) {
        return new VerifiedRecord(key, value, ts, headers::get);
    }

    private Verifier verifierFedWith(List<SubstationWindow> aggs, List<Alert> alertRecords, List<VerifiedRecord> extraInput) {
        Verifier v = new GridDefinition().verifier(options, facts);
        assertThat(v.roles()).containsExactly("input", "aggregates", "alerts", "dlq");
        byte[] run = RUN.getBytes(StandardCharsets.UTF_8);
        for (GridGeneratorTest.Generated g : input) {
            Map<String, byte[]> h = new HashMap<>();
            h.put(Headers.RUN, run);
            if (g.anomaly() != null) h.put(Headers.ANOMALY, g.anomaly());
            v.accept("input", record(g.key(), g.value(), g.timestamp(), h), 0);
            if (!g.valid()) v.accept("dlq", record(g.key(), g.value(), g.timestamp(), h), 0);
        }
        for (VerifiedRecord r : extraInput) v.accept("input", r, 0);
        assertThat(v.complete()).as("no output yet").isFalse();
        for (SubstationWindow w : aggs) v.accept("aggregates", record(w.substation.getBytes(), w.encode(), w.windowEnd - 1, Map.of()), 0);
        for (Alert a : alertRecords) v.accept("alerts", record(a.subject.getBytes(), a.encode(), a.start, Map.of()), 0);
        return v;
    }

    @Test
    void aCorrectOutputPasses() {
        Verifier v = verifierFedWith(aggregates, alerts, List.of());
        assertThat(v.complete()).isTrue();
        Verifier.Verdict verdict = v.verdict();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.figures()).containsOnlyKeys("readings", "dlq", "aggregates", "aggregates_wrong", "episodes", "detected", "alerts", "precision", "recall");
        assertThat(verdict.figures()).containsEntry("precision", "1.000").containsEntry("recall", "1.000").containsEntry("aggregates_wrong", "0")
                .containsEntry("dlq", Long.toString(malformed)).containsEntry("aggregates", Integer.toString(aggregates.size()));
        assertThat(verdict.summary()).allSatisfy(line -> assertThat(line).startsWith("  "));
        assertThat(verdict.summary()).anySatisfy(line -> assertThat(line).startsWith("  detected      over-voltage ").contains("silence 1", "(precision 1.000, recall 1.000)"));
    }

    @Test
    void aDroppedAlertCostsRecall() {
        List<Alert> fewer = new ArrayList<>(alerts);
        Alert droppedFiring = fewer.remove(0);
        Alert droppedResolved = fewer.remove(0);
        assertThat(droppedFiring.isFiring()).isTrue();
        assertThat(droppedResolved.isFiring()).isFalse();
        Verifier v = verifierFedWith(aggregates, fewer, List.of());
        assertThat(v.complete()).isFalse();
        Verifier.Verdict verdict = v.verdict();
        assertThat(verdict.passed()).isFalse();
        assertThat(Double.parseDouble(verdict.figures().get("recall"))).isLessThan(1.0);
        assertThat(verdict.problems()).contains("missed 1 (" + droppedFiring.kind + " " + droppedFiring.subject);
    }

    @Test
    void aDoubledFiringFails() {
        List<Alert> more = new ArrayList<>(alerts);
        more.add(alerts.get(0));
        Verifier.Verdict verdict = verifierFedWith(aggregates, more, List.of()).verdict();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).contains("1 duplicated");
    }

    @Test
    void aResolvedWithoutFiringFails() {
        List<Alert> unpaired = new ArrayList<>(alerts);
        unpaired.remove(0);
        Verifier.Verdict verdict = verifierFedWith(aggregates, unpaired, List.of()).verdict();
        assertThat(verdict.problems()).contains("1 resolved never fired");
    }

    @Test
    void oneChangedAggregateFails() {
        List<SubstationWindow> changed = new ArrayList<>(aggregates);
        SubstationWindow w = SubstationWindow.decode(changed.get(5).encode());
        w.voltage.avg += 1;
        changed.set(5, w);
        Verifier v = verifierFedWith(changed, alerts, List.of());
        Verifier.Verdict verdict = v.verdict();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.figures()).containsEntry("aggregates_wrong", "1");
        assertThat(verdict.problems()).contains("aggregates: 0 missing, 1 wrong, 0 extra, 0 duplicated");
    }

    @Test
    void aMissingAggregateKeepsTheRunIncomplete() {
        Verifier v = verifierFedWith(aggregates.subList(1, aggregates.size()), alerts, List.of());
        assertThat(v.complete()).isFalse();
        assertThat(v.verdict().problems()).contains("aggregates: 1 missing");
    }

    @Test
    void anInputRecordOfAnotherRunFails() {
        GridGeneratorTest.Generated g = input.get(0);
        VerifiedRecord foreign = record(g.key(), g.value(), g.timestamp(), Map.of(Headers.RUN, "run-0".getBytes(StandardCharsets.UTF_8)));
        Verifier.Verdict verdict = verifierFedWith(aggregates, alerts, List.of(foreign)).verdict();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).contains("the input topic holds 1 records of other runs");
    }

    @Test
    void aReadingDeadLetteredAsLateFails() {
        Verifier v = verifierFedWith(aggregates, alerts, List.of());
        GridGeneratorTest.Generated g = input.get(0);
        v.accept("dlq", record(g.key(), g.value(), g.timestamp(),
                Map.of(Headers.DLQ_REASON, (Headers.LATE_REASON + "event time behind the watermark").getBytes(StandardCharsets.UTF_8))), 0);
        assertThat(v.verdict().problems()).contains("1 readings dead-lettered as late");
    }
}
