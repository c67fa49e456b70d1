package io.streamplatform.job.core;

import io.streamplatform.common.Headers;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Records that reached a window after it had fired (behind the watermark): counted in {@code platform → late_records} and turned
 * into dead letters, re-encoded by the job's own codec since the original bytes are not kept past parsing. They carry
 * no {@code run} header: a verified run has none.
 */
public final class LateRecords<T> extends RichMapFunction<T, DeadLetter> {
    private final RecordEncoder<T> encoder;
    private final String what;
    private transient Counter late;

    /** @param what what the window computes, for the reason ("late: ... behind the watermark, <what> already emitted") */
    public LateRecords(RecordEncoder<T> encoder, String what) {
        this.encoder = encoder;
        this.what = what;
    }

    @Override
    public void open(OpenContext openContext) {
        late = PlatformMetrics.lateRecords(getRuntimeContext().getMetricGroup());
    }

    @Override
    public DeadLetter map(T record) {
        late.inc();
        KafkaRecord r = new KafkaRecord();
        r.key = encoder.key(record);
        r.value = encoder.value(record);
        r.timestamp = encoder.timestamp(record);
        r.topic = "";
        r.partition = -1;
        r.offset = -1;
        r.headerKeys = new String[0];
        r.headerValues = new byte[0][];
        return new DeadLetter(r, Headers.LATE_REASON + "event time behind the watermark, " + what + " already emitted");
    }
}
