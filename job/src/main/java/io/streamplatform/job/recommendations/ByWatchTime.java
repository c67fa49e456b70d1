package io.streamplatform.job.recommendations;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows by the watch's own time ({@link EnrichedWatch#ts}) rather than the record timestamp:
 * a watch that waited for its video in {@link Enrich} leaves with the catalogue record's timestamp, not its own.
 * Lateness is still judged against the watermark (Flink's window operator does that per window).
 */
final class ByWatchTime extends WindowAssigner<Object, TimeWindow> {
    private final long size;

    ByWatchTime(long size) {
        this.size = size;
    }

    @Override
    public Collection<TimeWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
        long start = TimeWindow.getWindowStartWithOffset(((EnrichedWatch) element).ts, 0, size);
        return List.of(new TimeWindow(start, start + size));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger(org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env) {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(org.apache.flink.api.common.ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "ByWatchTime(" + size + ")";
    }
}
