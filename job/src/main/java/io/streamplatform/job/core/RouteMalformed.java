package io.streamplatform.job.core;

import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Chained right after a job's source: valid records go on; malformed ones (see {@link ParsingDeserializer}) go to
 * the {@link #DEAD_LETTERS} side output. Both are counted: {@code validRecords}, {@code malformedRecords}.
 *
 * <p>At the end of input (a draining stop, or a bounded source's end) it announces itself active and passes on
 * the final MAX watermark once more. Flink 1.20 drops that watermark when the source had gone idle before the drain
 * ({@code RecordWriterOutput} emits no watermark while IDLE; FLINK-40499, unfixed in 1.20), and then the last
 * windows never fire. A repeated MAX watermark is harmless: event time cannot advance past it.
 */
public final class RouteMalformed<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<Parsed<T>, T>, BoundedOneInput {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter valid;
    private transient Counter malformed;

    public RouteMalformed() {
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    public void open() throws Exception {
        super.open();
        valid = getMetricGroup().counter("validRecords");
        malformed = getMetricGroup().counter("malformedRecords");
    }

    @Override
    public void processElement(StreamRecord<Parsed<T>> element) {
        Parsed<T> parsed = element.getValue();
        if (parsed.deadLetter == null) {
            valid.inc();
            output.collect(element.replace(parsed.value));
        } else {
            malformed.inc();
            output.collect(DEAD_LETTERS, element.replace(parsed.deadLetter));
        }
    }

    @Override
    public void endInput() {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
