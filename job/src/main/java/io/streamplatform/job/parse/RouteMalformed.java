package io.streamplatform.job.parse;

import io.streamplatform.common.Event;
import io.streamplatform.common.EventCodec;
import io.streamplatform.common.ParseResult;
import io.streamplatform.job.source.KafkaRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each record's JSON into an {@link Event}. Anything malformed (not JSON, missing fields, wrong
 * types, oversized, not UTF-8) goes to the {@link #DEAD_LETTERS} side output with its reason and is
 * counted in the {@code malformedRecords} metric; it never fails the job.
 */
public final class ParseEvents extends ProcessFunction<KafkaRecord, Event> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final int maxRecordBytes;
    private transient EventCodec codec;
    private transient Counter valid;
    private transient Counter malformed;

    public ParseEvents(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new EventCodec(maxRecordBytes);
        valid = getRuntimeContext().getMetricGroup().counter("validRecords");
        malformed = getRuntimeContext().getMetricGroup().counter("malformedRecords");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<Event> out) {
        ParseResult result = codec.parse(record.value);
        if (result.isValid()) {
            valid.inc();
            out.collect(result.event());
        } else {
            malformed.inc();
            ctx.output(DEAD_LETTERS, new DeadLetter(record, result.error()));
        }
    }
}
