package io.streamplatform.job.logs;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.logs.LogsDefinition;
import io.streamplatform.common.logs.ServiceWindow;
import io.streamplatform.job.core.PlatformMetrics;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A service's windows, in order, against the two alert rules: the 5xx rate above {@code --error-rate-threshold}, the
 * p99 latency above {@code --latency-threshold}. {@code --alert-windows} windows above in a row fire an alert (starting
 * at the first of them); the first window back below — or a window without requests — resolves it (ending at the end
 * of the last one above). One firing and one resolved record per episode. A window with fewer than
 * {@code --min-requests} requests counts as below.
 */
final class AlertStreaks extends KeyedProcessFunction<String, ServiceWindow, Alert> {
    private final double errorRateThreshold;
    private final double latencyThresholdMs;
    private final int alertWindows;
    private final int minRequests;
    private transient ValueState<Streaks> state;
    private transient Counter fired;

    AlertStreaks(double errorRateThreshold, Duration latencyThreshold, int alertWindows, int minRequests) {
        this.errorRateThreshold = errorRateThreshold;
        this.latencyThresholdMs = latencyThreshold.toNanos() / 1e6;
        this.alertWindows = alertWindows;
        this.minRequests = minRequests;
    }

    /** A service's two streaks and the end of its last window. A Flink POJO. */
    public static final class Streaks {
        public Streak errorRate = new Streak();
        public Streak latency = new Streak();
        public long lastEnd = Long.MIN_VALUE;

        public Streaks() {}
    }

    /** Windows above one threshold in a row. A Flink POJO. */
    public static final class Streak {
        public int windows;
        public long start;
        public long lastAboveEnd;
        public double peak;
        public boolean firing;

        public Streak() {}
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("streaks", Streaks.class));
        fired = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "alerts_fired");
    }

    @Override
    public void processElement(ServiceWindow w, Context ctx, Collector<Alert> out) throws Exception {
        Streaks s = state.value();
        if (s == null) s = new Streaks();
        boolean gap = s.lastEnd != Long.MIN_VALUE && w.start != s.lastEnd;
        boolean enough = w.requests >= minRequests;
        step(s.errorRate, LogsDefinition.ERROR_RATE, w, gap, enough && w.errorRate > errorRateThreshold, w.errorRate, out);
        step(s.latency, LogsDefinition.LATENCY, w, gap, enough && w.latencyMs.p99 > latencyThresholdMs, w.latencyMs.p99, out);
        s.lastEnd = w.end;
        state.update(s);
    }

    private void step(Streak s, String kind, ServiceWindow w, boolean gap, boolean above, double value, Collector<Alert> out) {
        if (gap || !above) {
            if (s.firing) {
                Alert firing = Alert.firing(kind, w.service, null, s.start, null);
                out.collect(firing.resolved(s.lastAboveEnd, "back to " + format(kind, value) + " (peak " + format(kind, s.peak) + ")"));
            }
            s.firing = false;
            s.windows = 0;
        }
        if (!above) return;
        if (s.windows == 0) {
            s.start = w.start;
            s.peak = value;
        }
        s.windows++;
        s.lastAboveEnd = w.end;
        s.peak = Math.max(s.peak, value);
        if (!s.firing && s.windows >= alertWindows) {
            s.firing = true;
            fired.inc();
            out.collect(Alert.firing(kind, w.service, null, s.start, format(kind, value) + " above "
                    + (kind.equals(LogsDefinition.ERROR_RATE) ? String.format("%.1f%%", errorRateThreshold * 100) : String.format("%.0f ms", latencyThresholdMs))
                    + " for " + s.windows + " windows"));
        }
    }

    private static String format(String kind, double value) {
        return kind.equals(LogsDefinition.ERROR_RATE) ? String.format("5xx %.1f%%", value * 100) : String.format("p99 %.0f ms", value);
    }
}
