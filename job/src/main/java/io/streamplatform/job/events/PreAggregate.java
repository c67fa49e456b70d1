package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts events per key and tumbling window before the key-by, so that a few partial counts cross the network
 * instead of every event; the window operator after the key-by sums them and decides, as before, when a window
 * fires and what is late.
 *
 * <p>Nothing is held across a checkpoint (pending counts are sent before the barrier), and pending counts are
 * sent before each watermark is passed on, so a partial count always reaches its window before the watermark
 * that fires it. An event whose window has already ended at this operator's watermark is passed on as itself:
 * if it is late at the window operator too, it is dead-lettered as the event, exactly as without this step.
 * Chained to the source, stateless, runs with the source's parallelism.
 */
public final class PreAggregate extends AbstractStreamOperator<Tally> implements OneInputStreamOperator<Event, Tally> {
    /** Pending (window, key) counts sent early when there are this many, bounding memory for many keys. */
    static final int MAX_PENDING = 10_000;

    private final long windowMs;
    private transient Map<Long, Map<String, long[]>> pending;
    private transient int pendingCount;
    private transient long watermark;
    /** The window of the previous event and its counts (events mostly arrive in the same window as the last one). */
    private transient long lastStart;
    private transient Map<String, long[]> lastWindow;

    public PreAggregate(Duration window) {
        this.windowMs = window.toMillis();
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<Event> record) {
        Event e = record.getValue();
        long ts = record.hasTimestamp() ? record.getTimestamp() : e.ts;
        long start = TimeWindow.getWindowStartWithOffset(ts, 0, windowMs);
        if (start + windowMs - 1 <= watermark) {
            output.collect(new StreamRecord<>(Tally.of(e, start), ts));
            return;
        }
        if (lastWindow == null || start != lastStart) {
            lastWindow = pending.computeIfAbsent(start, s -> new HashMap<>());
            lastStart = start;
        }
        long[] count = lastWindow.get(e.key);
        if (count == null) {
            lastWindow.put(e.key, new long[] {1});
            if (++pendingCount >= MAX_PENDING) flush();
        } else {
            count[0]++;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Sends every pending count, stamped with its window's last millisecond (so it is assigned to that window). */
    private void flush() {
        if (pendingCount == 0) return;
        for (Map.Entry<Long, Map<String, long[]>> window : pending.entrySet()) {
            long maxTimestamp = window.getKey() + windowMs - 1;
            for (Map.Entry<String, long[]> byKey : window.getValue().entrySet()) {
                output.collect(new StreamRecord<>(Tally.partial(byKey.getKey(), window.getKey(), byKey.getValue()[0]), maxTimestamp));
            }
        }
        pending.clear();
        pendingCount = 0;
        lastWindow = null;
    }
}
