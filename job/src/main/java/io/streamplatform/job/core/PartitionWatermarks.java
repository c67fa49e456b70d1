package io.streamplatform.job.core;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * One Kafka partition's watermarks: bounded out-of-orderness, and idle after a quiet period — what Flink's
 * {@code forBoundedOutOfOrderness(d).withIdleness(i)} does, with one difference: a partition that has had
 * records since the job (re)started goes idle {@link #EXTRA_QUIET} later than one that has had none.
 *
 * <p>Why: in Flink 1.20 a source subtask whose partitions all turn idle on the same watermark tick goes idle
 * without passing on the highest of their watermarks (FLINK-38454, fixed in Flink 2.2). A partition that got a
 * burst right after start-up and then fell quiet went idle on the same tick as its empty neighbours, and its
 * windows did not fire until new records came (seen as a flaky test, about 1 run in 16). With the extra quiet
 * time the empty partitions are idle first, so the busy one's watermark is passed on before it goes idle too.
 * (Partitions that all had records and fall quiet together can still meet the Flink bug; their windows then
 * fire with the next records or at a draining stop.)
 *
 * <p>Quiet time is measured on Flink's input-activity clock, which stands still while the source is
 * back-pressured, as in Flink's own idleness. Per event there is only a compare and an increment.
 */
final class PartitionWatermarks<T> implements WatermarkGenerator<T> {
    static final Duration EXTRA_QUIET = Duration.ofSeconds(1);

    private final long outOfOrdernessMs;
    private final long idleNanos;
    private final long idleNanosAfterRecords;
    private final RelativeClock clock;
    private long maxTimestamp;
    private long events;
    private long eventsAtLastEmit;
    private long quietSinceNanos;
    private boolean idle;

    PartitionWatermarks(Duration outOfOrderness, Duration idleness, RelativeClock clock) {
        this.outOfOrdernessMs = outOfOrderness.toMillis();
        this.idleNanos = idleness.toNanos();
        this.idleNanosAfterRecords = idleNanos + EXTRA_QUIET.toNanos();
        this.clock = clock;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMs + 1;
        this.quietSinceNanos = clock.relativeTimeNanos();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > maxTimestamp) maxTimestamp = eventTimestamp;
        events++;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeNanos();
        if (events != eventsAtLastEmit) {
            eventsAtLastEmit = events;
            quietSinceNanos = now;
            idle = false;
        }
        long allowedQuiet = events == 0 ? idleNanos : idleNanosAfterRecords;
        if (now - quietSinceNanos > allowedQuiet) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
            return;
        }
        // Emitting a watermark also marks this partition active again after it was idle.
        output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMs - 1));
    }
}
