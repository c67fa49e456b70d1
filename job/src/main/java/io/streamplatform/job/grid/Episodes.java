package io.streamplatform.job.grid;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.job.core.PlatformMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns one sensor's detections into episodes, one per kind at a time: a detection starting within {@code gap} of the
 * open episode's end extends it; otherwise it closes that episode and opens a new one; an episode closes {@code gap}
 * after its last detection's end. Each episode is one firing {@link Alert} when it opens and one resolved alert (end = its
 * last detection's end) when it closes.
 *
 * <p>Deterministic whatever order detections arrive in: they wait in state until event time reaches their start (a
 * timer there), then are taken in time order. At the end of the input (watermark MAX) every open episode closes,
 * with the same end it would have had.
 */
final class Episodes extends KeyedProcessFunction<String, Detection, Alert> {
    private static final Comparator<Detection> ORDER = Comparator.comparingLong((Detection d) -> d.start)
            .thenComparing(d -> d.kind).thenComparingLong(d -> d.end);

    private final long gapMs;
    private transient MapState<Long, List<Detection>> pending;
    private transient MapState<String, Episode> open;
    private transient Counter opened;
    private transient Counter closed;
    /** Episodes opened per kind: {@code platform → kind=<kind> → alerts_raised}. */
    private transient Map<String, Counter> raised;

    /** An open episode of one kind. A Flink POJO. */
    public static final class Episode {
        public String substation;
        public long start;
        public long end;
        public int detections;

        public Episode() {}
    }

    Episodes(Duration gap) {
        this.gapMs = gap.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(Detection.class))));
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open", Types.STRING, TypeInformation.of(Episode.class)));
        opened = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "episodes_opened");
        closed = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "episodes_closed");
        raised = new HashMap<>();
    }

    @Override
    public void processElement(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        List<Detection> at = pending.get(d.start);
        if (at == null) at = new ArrayList<>();
        at.add(d);
        pending.put(d.start, at);
        ctx.timerService().registerEventTimeTimer(d.start);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Detection> due = new ArrayList<>();
        for (Iterator<Map.Entry<Long, List<Detection>>> it = pending.iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Detection>> e = it.next();
            if (e.getKey() <= time) {
                due.addAll(e.getValue());
                it.remove();
            }
        }
        due.sort(ORDER);
        for (Detection d : due) add(d, ctx.timerService(), out);

        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, Episode> e : open.entries()) {
            if (e.getValue().end + gapMs <= time) ended.add(e.getKey());
        }
        ended.sort(Comparator.naturalOrder());
        for (String kind : ended) {
            close(kind, open.get(kind), ctx.getCurrentKey(), out);
            open.remove(kind);
        }
    }

    private void add(Detection d, TimerService timers, Collector<Alert> out) throws Exception {
        Episode ep = open.get(d.kind);
        if (ep != null && d.start <= ep.end + gapMs) {
            ep.end = Math.max(ep.end, d.end);
            ep.detections++;
        } else {
            if (ep != null) close(d.kind, ep, d.sensor, out);
            ep = new Episode();
            ep.substation = d.substation;
            ep.start = d.start;
            ep.end = d.end;
            ep.detections = 1;
            opened.inc();
            raised.computeIfAbsent(d.kind, k -> PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), k, "alerts_raised")).inc();
            out.collect(Alert.firing(d.kind, d.sensor, d.substation, d.start, d.detail));
        }
        open.put(d.kind, ep);
        timers.registerEventTimeTimer(ep.end + gapMs);
    }

    private void close(String kind, Episode ep, String sensor, Collector<Alert> out) {
        closed.inc();
        out.collect(Alert.firing(kind, sensor, ep.substation, ep.start, null)
                .resolved(ep.end, ep.detections + (ep.detections == 1 ? " detection" : " detections") + " over " + (ep.end - ep.start) + " ms"));
    }
}
