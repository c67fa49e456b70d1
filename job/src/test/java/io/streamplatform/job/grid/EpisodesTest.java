package io.streamplatform.job.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Episodes from detections, in Flink's keyed operator test harness (real state and event-time timers). */
class EpisodesTest {
    static final long GAP = 30_000;

    static KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new Episodes(Duration.ofMillis(GAP)), d -> d.sensor, Types.STRING);
    }

    static Detection d(String kind, long start, long end) {
        return new Detection(kind, "s-001", "sub-00", start, end, kind + " at " + start);
    }

    static Alert firing(String kind, long start) {
        return Alert.firing(kind, "s-001", "sub-00", start, null);
    }

    static Alert resolved(String kind, long start, long end) {
        return firing(kind, start).resolved(end, null);
    }

    /** Sends the detections, then event time in steps of 5 s up to {@code until}, then MAX if asked; returns the alerts. */
    static List<Alert> run(List<Detection> detections, long until, boolean end) throws Exception {
        try (var h = harness()) {
            h.open();
            for (Detection x : detections) h.processElement(x, x.end);
            for (long t = 0; t <= until; t += 5_000) h.processWatermark(new Watermark(t));
            if (end) h.processWatermark(Watermark.MAX_WATERMARK);
            return h.extractOutputValues();
        }
    }

    @Test
    void detectionsCloserThanTheGapAreOneEpisodeAndAFartherOneOpensAnother() throws Exception {
        List<Alert> out = run(List.of(d("over-voltage", 1_000, 1_000), d("over-voltage", 25_000, 25_000), d("over-voltage", 55_000, 55_000),
                d("over-voltage", 100_000, 100_000)), 200_000, false);
        assertThat(out).containsExactly(
                firing("over-voltage", 1_000), resolved("over-voltage", 1_000, 55_000),
                firing("over-voltage", 100_000), resolved("over-voltage", 100_000, 100_000));
    }

    @Test
    void kindsAreSeparateEpisodesAndADetectionsEndExtendsItsEpisode() throws Exception {
        List<Alert> out = run(List.of(d("voltage-surge", 1_000, 4_000), d("over-voltage", 2_000, 2_000), d("voltage-surge", 30_000, 33_000)),
                200_000, false);
        assertThat(out).containsExactlyInAnyOrder(
                firing("voltage-surge", 1_000), firing("over-voltage", 2_000),
                resolved("over-voltage", 2_000, 2_000), resolved("voltage-surge", 1_000, 33_000));
        assertThat(out.indexOf(firing("voltage-surge", 1_000))).isLessThan(out.indexOf(firing("over-voltage", 2_000)));
    }

    @Test
    void theArrivalOrderDoesNotChangeTheEpisodes() throws Exception {
        List<Detection> inOrder = new ArrayList<>();
        Random random = new Random(1);
        long t = 0;
        for (int i = 0; i < 40; i++) {
            t += 1_000 + random.nextInt(40_000);
            String kind = random.nextBoolean() ? "over-voltage" : "frequency";
            inOrder.add(d(kind, t, t + random.nextInt(3_000)));
        }
        List<Alert> expected = run(inOrder, t + 100_000, false);
        assertThat(expected).hasSizeGreaterThan(10);
        for (int seed = 0; seed < 5; seed++) {
            List<Detection> shuffled = new ArrayList<>(inOrder);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(run(shuffled, t + 100_000, false)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aDetectionArrivingBehindTheWatermarkStillJoinsItsEpisode() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(d("overload", 1_000, 7_000), 7_000);
            h.processWatermark(new Watermark(10_000));
            h.processElement(d("overload", 8_000, 9_000), 9_000); // start behind the watermark
            h.processWatermark(new Watermark(100_000));
            assertThat(h.extractOutputValues()).containsExactly(firing("overload", 1_000), resolved("overload", 1_000, 9_000));
        }
    }

    @Test
    void theEndOfTheInputClosesOpenEpisodesWithTheirOwnEnd() throws Exception {
        List<Alert> out = run(List.of(d("frequency", 1_000, 1_000), d("frequency", 6_000, 6_000), d("over-temperature", 8_000, 8_000)), 10_000, true);
        assertThat(out).containsExactlyInAnyOrder(
                firing("frequency", 1_000), firing("over-temperature", 8_000),
                resolved("frequency", 1_000, 6_000), resolved("over-temperature", 8_000, 8_000));
        assertThat(run(List.of(d("frequency", 1_000, 1_000), d("frequency", 6_000, 6_000)), 10_000, false))
                .as("without the end of input they stay open").containsExactly(firing("frequency", 1_000));
    }
}
