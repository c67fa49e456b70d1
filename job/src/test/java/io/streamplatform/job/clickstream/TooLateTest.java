package io.streamplatform.job.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.clickstream.Click;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The one lateness rule before the windows, in Flink's operator harness (real operator state, snapshot and restore). */
class TooLateTest {
    private static final long LATENESS = 10;

    private static Click at(long ts) {
        return new Click("u", "p", "c", Click.Action.VIEW, 1, ts);
    }

    private static OneInputStreamOperatorTestHarness<Click, Click> harness(OperatorSubtaskState restored) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new TooLate(LATENESS));
        if (restored != null) h.initializeState(restored);
        h.open();
        return h;
    }

    private static void send(OneInputStreamOperatorTestHarness<Click, Click> h, long... ts) throws Exception {
        for (long t : ts) h.processElement(new StreamRecord<>(at(t), t));
    }

    private static long[] tooLate(OneInputStreamOperatorTestHarness<Click, Click> h) {
        var side = h.getSideOutput(TooLate.TOO_LATE);
        return side == null ? new long[0] : side.stream().mapToLong(r -> r.getValue().ts).toArray();
    }

    @Test
    void aClickTheAllowedLatenessOrMoreBehindTheWatermarkIsSentAsideAndNothingElse() throws Exception {
        try (var h = harness(null)) {
            send(h, 0, 5); // no watermark yet: nothing is late
            h.processWatermark(new Watermark(100));
            send(h, 90, 91, 200);
            assertThat(tooLate(h)).containsExactly(90);
            assertThat(h.extractOutputValues()).extracting(c -> c.ts).containsExactly(0L, 5L, 91L, 200L);
        }
    }

    @Test
    void theWatermarkSurvivesARestoreAsTheLowestOfTheSubtasks() throws Exception {
        OperatorSubtaskState a, b;
        try (var h = harness(null)) {
            h.processWatermark(new Watermark(100));
            a = h.snapshot(1, 1);
        }
        try (var h = harness(null)) {
            h.processWatermark(new Watermark(200));
            b = h.snapshot(1, 1);
        }
        // Restarted, before any watermark: a click read again that was too late before the failure still is.
        try (var h = harness(AbstractStreamOperatorTestHarness.repackageState(a, b))) {
            send(h, 85, 95);
            assertThat(tooLate(h)).containsExactly(85);
            assertThat(h.extractOutputValues()).extracting(c -> c.ts).containsExactly(95L);
        }
        // A drained savepoint's final watermark is not kept: the job would otherwise take every click for too late.
        OperatorSubtaskState drained;
        try (var h = harness(null)) {
            h.processWatermark(Watermark.MAX_WATERMARK);
            drained = h.snapshot(1, 1);
        }
        try (var h = harness(drained)) {
            send(h, 1);
            assertThat(tooLate(h)).isEmpty();
        }
    }
}
