package io.streamplatform.common.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.GroundTruth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridGeneratorTest {
    static final long NOW = 1_796_086_923_456L;

    /** One generated record. */
    record Generated(byte[] key, byte[] value, long timestamp, byte[] anomaly, boolean valid) {}

    static List<Generated> generate(int sensors, long count, double malformed, long seed) {
        GridGenerator g = new GridGenerator(new GeneratorSettings("run-1", sensors, 0, malformed, seed, count), () -> NOW);
        List<Generated> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            assertThat(g.next()).isTrue();
            out.add(new Generated(g.key(), g.value(), g.timestamp(), g.headers().get(Headers.ANOMALY), g.valid()));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        List<Generated> a = generate(30, 5_000, 0.02, 7);
        List<Generated> b = generate(30, 5_000, 0.02, 7);
        List<Generated> c = generate(30, 5_000, 0.02, 8);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value()).isEqualTo(b.get(i).value());
            assertThat(a.get(i).key()).isEqualTo(b.get(i).key());
            assertThat(a.get(i).timestamp()).isEqualTo(b.get(i).timestamp());
            assertThat(a.get(i).anomaly()).isEqualTo(b.get(i).anomaly());
        }
        assertThat(Arrays.equals(a.get(100).value(), c.get(100).value())).as("another seed, other records").isFalse();
    }

    @Test
    void everyKindIsInjectedTheBackgroundTriggersNothingAndNothingIsLate() {
        int sensors = 100;
        List<Generated> records = generate(sensors, sensors * 600L, 0.01, 42);
        GridOptions.Thresholds limits = new GridDefinition().parse().thresholds();
        ReadingCodec codec = new ReadingCodec();
        GroundTruth truth = new GroundTruth();
        Map<String, List<Long>> times = new HashMap<>();
        Set<String> silenced = new HashSet<>();
        long latest = 0;
        long malformed = 0;
        Set<String> reasons = new HashSet<>();
        for (Generated g : records) {
            Reading r = codec.parse(g.value());
            if (!g.valid()) {
                malformed++;
                assertThat(r).as("a malformed record is rejected").isNull();
                reasons.add(codec.error().substring(0, codec.error().indexOf(':')));
                assertThat(g.anomaly()).isNull();
                continue;
            }
            assertThat(r).as(codec.error()).isNotNull();
            assertThat(new String(g.key())).isEqualTo(r.sensor);
            assertThat(g.timestamp()).isEqualTo(r.ts);
            assertThat(r.ts).as("never later than the wall clock").isLessThanOrEqualTo(NOW);
            assertThat(r.ts).as("at most 1.5 s out of order").isGreaterThan(latest - 1_500);
            latest = Math.max(latest, r.ts);
            truth.accept(r.sensor, r.ts, g.anomaly());
            times.computeIfAbsent(r.sensor, k -> new ArrayList<>()).add(r.ts);
            if (g.anomaly() != null) {
                if (new String(g.anomaly()).endsWith(GridDefinition.SILENCE)) silenced.add(r.sensor);
                continue;
            }
            assertThat(limits.overVoltage(r) || limits.underVoltage(r) || limits.frequencyExcursion(r) || limits.overTemperature(r)
                    || limits.hot(r) || limits.overCurrent(r)).as("background reading %s", r).isFalse();
        }
        assertThat(malformed).isEqualTo(600);
        assertThat(reasons).containsExactlyInAnyOrder("not-json", "missing-field", "wrong-type", "impossible", "bad-timestamp");

        Set<String> kinds = new HashSet<>();
        for (GroundTruth.Injected e : truth.episodes()) kinds.addAll(e.kinds());
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(GridDefinition.KINDS);
        assertThat(truth.episodes()).hasSizeGreaterThan(14);
        long lastSecond = latest;
        assertThat(NOW - latest).as("the timeline ends about now").isBetween(0L, 5_000L);
        assertThat(truth.episodes()).allSatisfy(e ->
                assertThat(e.end()).as("episodes end well before the input does").isLessThan(lastSecond - 70_000));

        for (var e : times.entrySet()) {
            List<Long> ts = e.getValue();
            ts.sort(null);
            long maxGap = 0;
            for (int i = 1; i < ts.size(); i++) maxGap = Math.max(maxGap, ts.get(i) - ts.get(i - 1));
            if (silenced.contains(e.getKey())) assertThat(maxGap).isGreaterThan(45_000);
            // Under 2 s, but for a reading held back into a second the run ends before.
            else assertThat(maxGap).as("sensor %s reads every second", e.getKey()).isLessThan(3_000);
        }
    }

    @Test
    void withFewSensorsEpisodesOnOneSensorStayFarApart() {
        List<Generated> records = generate(2, 2 * 1_500L, 0, 5);
        ReadingCodec codec = new ReadingCodec();
        GroundTruth truth = new GroundTruth();
        for (Generated g : records) {
            Reading r = codec.parse(g.value());
            truth.accept(r.sensor, r.ts, g.anomaly());
        }
        List<GroundTruth.Injected> episodes = truth.episodes();
        assertThat(episodes).hasSizeGreaterThan(5);
        for (GroundTruth.Injected a : episodes) {
            for (GroundTruth.Injected b : episodes) {
                if (a.id() < b.id() && a.key().equals(b.key())) {
                    assertThat(b.start() - a.end()).as("%s then %s", a, b).isGreaterThan(GridGenerator.SENSOR_REST_S * 1000L - 2_000);
                }
            }
        }
    }
}
