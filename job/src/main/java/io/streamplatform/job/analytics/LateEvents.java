package io.streamplatform.job.analytics;

import io.streamplatform.common.Event;
import io.streamplatform.common.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.job.parse.DeadLetter;
import io.streamplatform.job.source.KafkaRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * An event that arrived after its window closed is still in the normalised output, but its window count
 * was already emitted: it is counted in {@code lateEvents} and dead-lettered so the gap is visible.
 */
public final class LateEvents extends RichMapFunction<Event, DeadLetter> {
    private transient EventCodec codec;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        codec = new EventCodec();
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public DeadLetter map(Event e) {
        late.inc();
        KafkaRecord r = new KafkaRecord();
        r.key = e.key.getBytes(StandardCharsets.UTF_8);
        r.value = codec.encode(e);
        r.topic = "";
        r.partition = -1;
        r.offset = -1;
        r.timestamp = e.ts;
        r.headerKeys = new String[] {Headers.RUN};
        r.headerValues = new byte[][] {e.run.getBytes(StandardCharsets.UTF_8)};
        return new DeadLetter(r, "late: event time behind the watermark, window already emitted");
    }
}
