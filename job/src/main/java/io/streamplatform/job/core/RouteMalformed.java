package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.TopicRole;
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
 * the {@link #DEAD_LETTERS} side output. Every record is counted in {@code platform → input=<role> → records_read}
 * (malformed ones are counted again, by reason, at the dead-letter sink). Counted here rather than in the source's
 * deserializer, whose metric group is the source's {@code deserializer} subgroup: a different metric name.
 *
 * <p>At the end of input (a draining stop, or a bounded source's end) it announces itself active and passes on
 * the final MAX watermark once more. Flink 1.20 drops that watermark when the source had gone idle before the drain
 * ({@code RecordWriterOutput} emits no watermark while IDLE; FLINK-40499, unfixed in 1.20), and then the last
 * windows never fire. A repeated MAX watermark is harmless: event time cannot advance past it.
 */
public final class RouteMalformed<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<Parsed<T>, T>, BoundedOneInput {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String input;
    private transient Counter read;

    /** @param input the input topic whose source this step follows */
    public RouteMalformed(TopicRole input) {
        this.input = input.role();
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    @Override
    public void open() throws Exception {
        super.open();
        read = PlatformMetrics.input(getMetricGroup(), input).counter("records_read");
    }

    @Override
    public void processElement(StreamRecord<Parsed<T>> element) {
        read.inc();
        Parsed<T> parsed = element.getValue();
        if (parsed.deadLetter == null) {
            output.collect(element.replace(parsed.value));
        } else {
            output.collect(DEAD_LETTERS, element.replace(parsed.deadLetter));
        }
    }

    @Override
    public void endInput() {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
