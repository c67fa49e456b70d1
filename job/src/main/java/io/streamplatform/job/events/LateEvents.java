package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.events.WindowCount;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.KafkaRecord;
import io.streamplatform.job.core.PlatformMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * An event that arrived after its window closed is still in the normalised output, but its window count
 * was already emitted: it is counted in {@code platform → late_records} and dead-lettered so the gap is visible.
 * (A late tally is always a single event: {@link PreAggregate} sends partial counts before the watermark that
 * closes their window. Should a partial count ever be late, it is dead-lettered as a window count so its
 * events are still accounted for.)
 */
public final class LateEvents extends RichMapFunction<Tally, DeadLetter> {
    /** The dead-letter reason of a late event. */
    public static final String LATE_EVENT = Headers.LATE_REASON + "event time behind the watermark, window already emitted";
    private final long windowMs;
    private transient EventCodec codec;
    private transient Counter late;

    public LateEvents(Duration window) {
        this.windowMs = window.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        codec = new EventCodec();
        late = PlatformMetrics.lateRecords(getRuntimeContext().getMetricGroup());
    }

    @Override
    public DeadLetter map(Tally t) {
        late.inc(t.count);
        KafkaRecord r = new KafkaRecord();
        r.key = t.key.getBytes(StandardCharsets.UTF_8);
        r.topic = "";
        r.partition = -1;
        r.offset = -1;
        if (t.event == null) {
            r.value = codec.encode(new WindowCount(t.key, t.windowStart, t.windowStart + windowMs, t.count));
            r.headerKeys = new String[0];
            r.headerValues = new byte[0][];
            return new DeadLetter(r, Headers.LATE_REASON + "a partial count of " + t.count + " events behind the watermark, window already emitted");
        }
        return late(t.event, codec);
    }

    /** A late event's dead letter: the (normalised) event as its own record, with its run header and no source coordinates. */
    public static DeadLetter late(Event e, EventCodec codec) {
        KafkaRecord r = new KafkaRecord();
        r.key = e.key.getBytes(StandardCharsets.UTF_8);
        r.topic = "";
        r.partition = -1;
        r.offset = -1;
        r.value = codec.encode(e);
        r.timestamp = e.ts;
        r.headerKeys = new String[] {Headers.RUN};
        r.headerValues = new byte[][] {e.run.getBytes(StandardCharsets.UTF_8)};
        return new DeadLetter(r, LATE_EVENT);
    }
}
