package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * One lateness rule for every window of the job, applied once, before the key-by: a click whose event time is
 * {@code --allowed-lateness} or more behind the watermark goes to the {@link #TOO_LATE} side output (counted, with
 * the windows' late clicks, in {@code platform → late_records} where they become dead letters); every other click reaches every window it belongs to, none of which has been purged yet.
 *
 * <p>The watermark is kept in the checkpoint (the lowest of the subtasks' on restore; a drained savepoint's final
 * watermark is not kept). Flink restarts watermarks from nothing after a restore, and without this a too-late click
 * read again after a failure would pass, open a window that had already been purged, and overwrite its result.
 */
final class TooLate extends AbstractStreamOperator<Click> implements OneInputStreamOperator<Click, Click> {
    static final OutputTag<Click> TOO_LATE = new OutputTag<>("too-late-clicks") {};

    private final long latenessMs;
    private transient long watermark;
    private transient ListState<Long> watermarks;

    TooLate(long latenessMs) {
        this.latenessMs = latenessMs;
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        watermarks = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("watermarks", Long.class));
        long lowest = Long.MAX_VALUE;
        for (long w : watermarks.get()) if (w != Long.MIN_VALUE && w != Long.MAX_VALUE) lowest = Math.min(lowest, w);
        watermark = lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        watermarks.update(List.of(watermark));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void processElement(StreamRecord<Click> element) {
        if (watermark != Long.MIN_VALUE && element.getValue().ts + latenessMs <= watermark) {
            output.collect(TOO_LATE, element);
        } else {
            output.collect(element);
        }
    }
}
