package io.streamplatform.job.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkOutputMultiplexer;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * Per-partition watermarks, driven tick by tick with a manual clock through Flink's own per-split combiner
 * ({@link WatermarkOutputMultiplexer}, what a source subtask uses for its partitions).
 */
class PartitionWatermarksTest {
    private static final Duration OOO = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(1);
    /**
     * Watermark ticks are about 200 ms apart but not exactly (a fixed-delay timer on a busy task thread): with these
     * intervals the busy partition's quiet time (from the 2nd tick) and the empty one's (from the 1st) pass the
     * idleness on the same tick, as logged in a failing run.
     */
    private static final long[] TICKS_MS = {200, 199, 200, 200, 200, 200, 201};

    /** What the source subtask passes downstream: watermarks and idleness. */
    private static final class Recorded implements WatermarkOutput {
        final List<String> events = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark w) {
            events.add("wm:" + w.getTimestamp());
        }

        @Override
        public void markIdle() {
            if (events.isEmpty() || !events.get(events.size() - 1).equals("idle")) events.add("idle");
        }

        @Override
        public void markActive() {}
    }

    /**
     * One subtask with a busy partition and an empty one: the busy partition gets its records before the
     * first watermark tick and then nothing; the test ticks for 5 s and returns what went downstream.
     */
    private static List<String> burstThenQuiet(Function<ManualClock, WatermarkGenerator<Long>> generators) {
        ManualClock clock = new ManualClock(1_000_000_000L);
        Recorded downstream = new Recorded();
        WatermarkOutputMultiplexer subtask = new WatermarkOutputMultiplexer(downstream);
        subtask.registerNewOutput("busy", w -> {});
        subtask.registerNewOutput("empty", w -> {});
        WatermarkGenerator<Long> busy = generators.apply(clock);
        WatermarkGenerator<Long> empty = generators.apply(clock);
        for (long ts = 10_000; ts <= 40_000; ts += 10) busy.onEvent(ts, ts, subtask.getImmediateOutput("busy"));
        for (int tick = 0; tick < 25; tick++) {
            clock.advanceTime(Duration.ofMillis(tick < TICKS_MS.length ? TICKS_MS[tick] : 200));
            busy.onPeriodicEmit(subtask.getDeferredOutput("busy"));
            empty.onPeriodicEmit(subtask.getDeferredOutput("empty"));
            subtask.onPeriodicEmit();
        }
        return downstream.events;
    }

    @Test
    void aBurstFollowedBySilencePassesItsWatermarkOnBeforeTheSubtaskGoesIdle() {
        List<String> out = burstThenQuiet(clock -> new PartitionWatermarks<>(OOO, IDLE, clock));
        assertThat(out).containsExactly("wm:" + (40_000 - 2_000 - 1), "idle");
    }

    /**
     * Flink 1.20's own idleness loses the watermark in the same ticks (FLINK-38454). If this fails after a Flink
     * upgrade, the bug is fixed there and {@link PartitionWatermarks} can go back to Flink's generator.
     */
    @Test
    void flinksOwnIdlenessLosesItInFlink120() {
        List<String> out = burstThenQuiet(clock -> new WatermarksWithIdleness<>(new BoundedOutOfOrdernessWatermarks<>(OOO), IDLE, clock));
        assertThat(out).containsExactly("idle");
    }

    @Test
    void watermarkFollowsTheLargestTimestampLessTheOutOfOrderness() {
        ManualClock clock = new ManualClock(1);
        Recorded out = new Recorded();
        PartitionWatermarks<Long> g = new PartitionWatermarks<>(OOO, IDLE, clock);
        g.onEvent(0L, 5_000, out);
        g.onEvent(0L, 3_000, out); // out of order: does not move the watermark back
        g.onPeriodicEmit(out);
        assertThat(out.events).containsExactly("wm:2999");
    }

    @Test
    void anEmptyPartitionIsIdleAfterTheIdlenessOneWithRecordsASecondLaterAndRecordsMakeItActiveAgain() {
        ManualClock clock = new ManualClock(1);
        Recorded empty = new Recorded();
        Recorded busy = new Recorded();
        PartitionWatermarks<Long> e = new PartitionWatermarks<>(OOO, IDLE, clock);
        PartitionWatermarks<Long> b = new PartitionWatermarks<>(OOO, IDLE, clock);
        b.onEvent(0L, 10_000, busy);
        b.onPeriodicEmit(busy); // records seen at t = 0
        clock.advanceTime(IDLE.plusMillis(1));
        e.onPeriodicEmit(empty);
        b.onPeriodicEmit(busy);
        assertThat(empty.events).containsExactly("idle");
        assertThat(busy.events).containsExactly("wm:7999", "wm:7999");
        clock.advanceTime(PartitionWatermarks.EXTRA_QUIET);
        b.onPeriodicEmit(busy);
        assertThat(busy.events).endsWith("idle");

        b.onEvent(0L, 20_000, busy);
        b.onPeriodicEmit(busy);
        assertThat(busy.events).endsWith("wm:17999");
    }
}
