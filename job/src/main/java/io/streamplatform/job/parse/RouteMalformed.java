package io.streamplatform.job.parse;

import io.streamplatform.common.Event;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Valid events go on; malformed records (see {@link EventDeserializer}) go to the {@link #DEAD_LETTERS} side
 * output. Both are counted: {@code validRecords}, {@code malformedRecords}.
 */
public final class RouteMalformed extends ProcessFunction<Parsed, Event> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter valid;
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        valid = getRuntimeContext().getMetricGroup().counter("validRecords");
        malformed = getRuntimeContext().getMetricGroup().counter("malformedRecords");
    }

    @Override
    public void processElement(Parsed parsed, Context ctx, Collector<Event> out) {
        if (parsed.event != null) {
            valid.inc();
            out.collect(parsed.event);
        } else {
            malformed.inc();
            ctx.output(DEAD_LETTERS, parsed.deadLetter);
        }
    }
}
