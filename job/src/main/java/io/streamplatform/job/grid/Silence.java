package io.streamplatform.job.grid;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.grid.GridDefinition;
import io.streamplatform.common.grid.Reading;
import io.streamplatform.job.core.PlatformMetrics;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A sensor that sends nothing for {@code timeout} of event time is silent: when event time passes its latest reading +
 * timeout, a firing {@code silence} alert starting at that reading; when it reads again, the resolved alert ending at
 * the new reading. If the new reading comes before event time got there (the watermark behind), both at once — the
 * same two alerts either way. The end of the input (watermark MAX, a draining stop) is not silence.
 */
final class Silence extends KeyedProcessFunction<String, Reading, Alert> {
    private final long timeoutMs;
    private transient ValueState<Sensor> state;
    private transient Counter silences;

    /** What is known of one sensor. A Flink POJO. */
    public static final class Sensor {
        public String substation;
        /** Event time of its latest reading. */
        public long latest;
        /** True once a firing alert for a silence since {@link #latest} is out. */
        public boolean silent;
        /** When its one pending timer fires; 0 when none is pending. */
        public long timerAt;

        public Sensor() {}
    }

    Silence(Duration timeout) {
        this.timeoutMs = timeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("sensor", TypeInformation.of(Sensor.class)));
        silences = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "silences_raised");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Alert> out) throws Exception {
        Sensor s = state.value();
        if (s == null) {
            s = new Sensor();
            s.substation = r.substation;
            s.latest = r.ts;
        } else if (r.ts > s.latest) {
            if (s.silent || r.ts - s.latest > timeoutMs) {
                Alert firing = firing(ctx.getCurrentKey(), s);
                if (!s.silent) {
                    silences.inc();
                    out.collect(firing);
                }
                out.collect(firing.resolved(r.ts, "read again after " + (r.ts - s.latest) + " ms"));
                s.silent = false;
            }
            s.latest = r.ts;
        } else {
            return; // an older reading, out of order: the latest stays
        }
        // One timer per sensor at a time, moved on lazily when it fires: not a delete and a register per reading.
        if (s.timerAt == 0) {
            s.timerAt = s.latest + timeoutMs;
            ctx.timerService().registerEventTimeTimer(s.timerAt);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Sensor s = state.value();
        if (s == null) return;
        s.timerAt = 0;
        if (!s.silent && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            if (time < s.latest + timeoutMs) {
                // Readings came since the timer was set: wait for the timeout after the latest.
                s.timerAt = s.latest + timeoutMs;
                ctx.timerService().registerEventTimeTimer(s.timerAt);
            } else {
                s.silent = true;
                silences.inc();
                out.collect(firing(ctx.getCurrentKey(), s));
            }
        }
        state.update(s);
    }

    private Alert firing(String sensor, Sensor s) {
        return Alert.firing(GridDefinition.SILENCE, sensor, s.substation, s.latest, "no reading for more than " + timeoutMs + " ms");
    }
}
