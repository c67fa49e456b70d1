package io.streamplatform.job.recommendations;

import io.streamplatform.common.Headers;
import io.streamplatform.common.recommendations.RecommendationsDefinition;
import io.streamplatform.common.recommendations.Video;
import io.streamplatform.common.recommendations.Watch;
import io.streamplatform.common.recommendations.WatchCodec;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.KafkaRecord;
import io.streamplatform.job.core.PlatformMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by video: joins each watch with the catalogue version of its video in effect at the watch's event time — the
 * latest catalogue record whose timestamp is at or before it. A watch is joined once the watermark has passed its time
 * (an event-time timer), so every catalogue record up to then has been read if the catalogue partition is active; the
 * versions are kept per video (the older pruned once a newer one is behind the watermark), so a catalogue read ahead
 * of the watches does not change the result either. A watch with no version by then waits in state until one arrives
 * or until event time passes its {@code ts + --unknown-video-wait}; then it goes to the dead letters
 * ({@code unknown-video: ...}), counted in {@code platform → unknown_video_watches}.
 */
final class Enrich extends KeyedCoProcessFunction<String, Watch, Video, EnrichedWatch> {
    static final OutputTag<DeadLetter> UNKNOWN = new OutputTag<>("unknown-video") {};

    private final long waitMs;
    private final String watchesTopic;
    private transient MapState<Long, Video> versions;
    /** Watches waiting for the watermark to pass them, by event time (one timer each). */
    private transient MapState<Long, List<Watch>> pending;
    private transient ListState<Watch> waiting;
    private transient Counter unknown;

    Enrich(Duration wait, String watchesTopic) {
        this.waitMs = wait.toMillis();
        this.watchesTopic = watchesTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        versions = getRuntimeContext().getMapState(new MapStateDescriptor<>("versions", Types.LONG, TypeInformation.of(Video.class)));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(Watch.class))));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", TypeInformation.of(Watch.class)));
        unknown = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "unknown_video_watches");
    }

    @Override
    public void processElement1(Watch w, Context ctx, Collector<EnrichedWatch> out) throws Exception {
        List<Watch> at = pending.get(w.ts);
        if (at == null) {
            pending.put(w.ts, new ArrayList<>(List.of(w)));
            ctx.timerService().registerEventTimeTimer(w.ts);
        } else {
            at.add(w);
            pending.put(w.ts, at);
        }
    }

    @Override
    public void processElement2(Video v, Context ctx, Collector<EnrichedWatch> out) throws Exception {
        versions.put(ctx.timestamp(), v);
        prune(ctx.timerService().currentWatermark());
        List<Watch> still = new ArrayList<>();
        boolean any = false;
        for (Watch w : waiting.get()) {
            any = true;
            Video found = versionAt(w.ts);
            if (found != null) out.collect(enrich(w, found));
            else still.add(w);
        }
        if (any) waiting.update(still);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedWatch> out) throws Exception {
        List<Watch> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            for (Watch w : due) {
                Video v = versionAt(w.ts);
                if (v != null) {
                    out.collect(enrich(w, v));
                } else {
                    waiting.add(w);
                    ctx.timerService().registerEventTimeTimer(w.ts + waitMs);
                }
            }
        }
        List<Watch> still = new ArrayList<>();
        boolean anyWaiting = false;
        for (Watch w : waiting.get()) {
            anyWaiting = true;
            if (w.ts + waitMs <= timestamp) {
                unknown.inc();
                ctx.output(UNKNOWN, deadLetter(w));
            } else {
                still.add(w);
            }
        }
        if (anyWaiting) waiting.update(still);
    }

    /** The latest version at or before {@code ts}, or null. */
    private Video versionAt(long ts) throws Exception {
        long best = Long.MIN_VALUE;
        Video found = null;
        for (Map.Entry<Long, Video> e : versions.entries()) {
            if (e.getKey() <= ts && (found == null || e.getKey() > best)) {
                best = e.getKey();
                found = e.getValue();
            }
        }
        return found;
    }

    /** Drops versions older than the newest one at or before the watermark: no watch on time can need them. */
    private void prune(long watermark) throws Exception {
        long newestBehind = Long.MIN_VALUE;
        for (Long t : versions.keys()) if (t <= watermark && t > newestBehind) newestBehind = t;
        if (newestBehind == Long.MIN_VALUE) return;
        for (Iterator<Long> it = versions.keys().iterator(); it.hasNext(); ) {
            if (it.next() < newestBehind) it.remove();
        }
    }

    private static EnrichedWatch enrich(Watch w, Video v) {
        EnrichedWatch e = new EnrichedWatch();
        e.user = w.user;
        e.video = w.video;
        e.action = w.action;
        e.positionMs = w.positionMs;
        e.ts = w.ts;
        e.category = v.category;
        e.permille = Watch.permille(w.action, w.positionMs, v.durationMs);
        return e;
    }

    /** The watch as it came in (re-encoded), with its run header, and the reason. */
    private DeadLetter deadLetter(Watch w) {
        KafkaRecord r = new KafkaRecord();
        r.key = w.user.getBytes(StandardCharsets.UTF_8);
        r.value = WatchCodec.encode(w);
        r.timestamp = w.ts;
        r.topic = watchesTopic;
        r.partition = -1;
        r.offset = -1;
        r.headerKeys = w.run == null ? new String[0] : new String[] {Headers.RUN};
        r.headerValues = w.run == null ? new byte[0][] : new byte[][] {w.run.getBytes(StandardCharsets.UTF_8)};
        return new DeadLetter(r, RecommendationsDefinition.UNKNOWN_VIDEO_REASON + w.video + " not in the catalogue within "
                + io.streamplatform.common.Durations.format(Duration.ofMillis(waitMs)) + " of the watch");
    }
}
