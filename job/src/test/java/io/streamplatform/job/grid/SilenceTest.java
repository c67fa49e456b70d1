package io.streamplatform.job.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.grid.Reading;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Silent sensors, in Flink's keyed operator test harness (real state and event-time timers). */
class SilenceTest {
    static final long TIMEOUT = 30_000;

    static KeyedOneInputStreamOperatorTestHarness<String, Reading, Alert> harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new Silence(Duration.ofMillis(TIMEOUT)), (Reading r) -> r.sensor, Types.STRING);
        h.open();
        return h;
    }

    static void read(KeyedOneInputStreamOperatorTestHarness<String, Reading, Alert> h, long ts) throws Exception {
        h.processElement(new Reading("s-007", "sub-00", 230_000, 200_000, 50_000, 40_000, ts), ts);
    }

    static Alert firing(long start) {
        return Alert.firing("silence", "s-007", "sub-00", start, null);
    }

    @Test
    void firesWhenEventTimePassesTheTimeoutAndResolvesOnTheNextReading() throws Exception {
        try (var h = harness()) {
            read(h, 1_000);
            read(h, 2_000);
            read(h, 1_500); // out of order: the latest stays 2 000
            h.processWatermark(new Watermark(31_999));
            assertThat(h.extractOutputValues()).as("not yet: 30 s after the latest reading is 32 000").isEmpty();
            h.processWatermark(new Watermark(32_000));
            assertThat(h.extractOutputValues()).containsExactly(firing(2_000));
            read(h, 50_000);
            assertThat(h.extractOutputValues()).containsExactly(firing(2_000), firing(2_000).resolved(50_000, null));
            h.processWatermark(new Watermark(79_999));
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void theEndOfTheInputIsNotSilence() throws Exception {
        try (var h = harness()) {
            read(h, 1_000);
            h.processWatermark(new Watermark(20_000));
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aReadingAfterTheTimeoutBeforeTheTimerFiredGivesTheSameFiringAndResolved() throws Exception {
        List<Alert> timerFirst;
        try (var h = harness()) {
            read(h, 1_000);
            h.processWatermark(new Watermark(40_000));
            read(h, 45_000);
            h.processWatermark(new Watermark(60_000));
            timerFirst = h.extractOutputValues();
        }
        try (var h = harness()) {
            read(h, 1_000);
            read(h, 45_000); // the watermark is behind: no timer has fired
            h.processWatermark(new Watermark(60_000));
            assertThat(h.extractOutputValues()).containsExactly(firing(1_000), firing(1_000).resolved(45_000, null))
                    .containsExactlyElementsOf(timerFirst);
        }
    }

    @Test
    void readingsWithinTheTimeoutRaiseNothing() throws Exception {
        try (var h = harness()) {
            for (long t = 0; t <= 300_000; t += 29_000) {
                read(h, t);
                h.processWatermark(new Watermark(t));
            }
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }
}
