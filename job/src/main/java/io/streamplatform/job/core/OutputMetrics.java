package io.streamplatform.job.core;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A pass-through step chained right before one of a job's sinks ({@link Sinks#write}), measuring what reaches it
 * under {@code platform → output=<role>}:
 * <ul>
 *   <li>{@code records_written} (counter): records handed to the sink. With exactly-once delivery they become
 *       visible to {@code read_committed} readers when the next checkpoint commits.</li>
 *   <li>{@code latency_ms} (histogram over the last {@value #LATENCY_WINDOW} records): the wall clock when the record
 *       reaches the sink minus its event time (the record's timestamp: an event's own time, a window's last
 *       millisecond, an alert's timer). It includes waiting for the watermark (a window result is as late as its
 *       window plus the out-of-orderness), but not the wait for the transaction to commit. Records without a
 *       timestamp are not measured; an event time ahead of the wall clock counts as 0.</li>
 *   <li>{@code watermark_lag_ms} (gauge): the wall clock minus the watermark this step has last seen: how far event
 *       time at this sink is behind now. It grows while input is idle or the job falls behind. NaN before the first
 *       watermark and after the end of input (the final MAX watermark): there is no lag to tell then.</li>
 * </ul>
 * The dead-letter step also counts {@code platform → reason=<category> → dead_letters} by the category of each
 * record's reason ({@link DeadLetterReasons}).
 */
public class OutputMetrics<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    /** Records the latency histogram keeps (its quantiles are over these). */
    static final int LATENCY_WINDOW = 1024;

    private final String role;
    private transient Counter written;
    private transient Histogram latency;
    private transient volatile long watermark;

    /** @param role the role of the topic the sink writes */
    public OutputMetrics(String role) {
        this.role = role;
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    /** The step before the dead-letter sink: it also counts dead letters by reason. */
    public static OutputMetrics<DeadLetter> deadLetters(String role) {
        return new DeadLetters(role);
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        MetricGroup group = PlatformMetrics.output(getMetricGroup(), role);
        written = group.counter("records_written");
        latency = group.histogram("latency_ms", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        group.gauge("watermark_lag_ms", (Gauge<Double>) this::watermarkLag);
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        written.inc();
        if (element.hasTimestamp()) latency.update(Math.max(0, System.currentTimeMillis() - element.getTimestamp()));
        seen(element.getValue());
        output.collect(element);
    }

    /** Called for every record before it is passed on; nothing by default. */
    void seen(T record) {}

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }

    double watermarkLag() {
        long w = watermark;
        if (w == Long.MIN_VALUE || w == Long.MAX_VALUE) return Double.NaN;
        return System.currentTimeMillis() - w;
    }

    private static final class DeadLetters extends OutputMetrics<DeadLetter> {
        private transient Map<String, Counter> byReason;

        DeadLetters(String role) {
            super(role);
        }

        @Override
        public void open() throws Exception {
            super.open();
            byReason = new HashMap<>();
        }

        @Override
        void seen(DeadLetter d) {
            byReason.computeIfAbsent(DeadLetterReasons.label(d.reason), r -> PlatformMetrics.deadLetters(getMetricGroup(), r)).inc();
        }
    }
}
