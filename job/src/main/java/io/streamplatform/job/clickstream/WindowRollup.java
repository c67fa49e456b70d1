package io.streamplatform.job.clickstream;

import io.streamplatform.job.core.Upsert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolls up the per-member results of one window (keyed by the window's start) into one record: keeps each member's
 * latest result, writes the roll-up when event time reaches the window's end, and again whenever a late result (a
 * window fired again by a late click) changes it. Its state goes once no late result can come any more (the window's
 * end plus the allowed lateness).
 *
 * @param <V> a member's result in the window (a product's count, a category's funnel)
 */
abstract class WindowRollup<V> extends KeyedProcessFunction<Long, V, Upsert> {
    private final long size;
    private final long latenessMs;
    private final TypeInformation<V> type;
    private transient MapState<String, V> members;
    private transient ValueState<byte[]> written;

    WindowRollup(long size, long latenessMs, TypeInformation<V> type) {
        this.size = size;
        this.latenessMs = latenessMs;
        this.type = type;
    }

    /** The member a result belongs to (a product, a category). */
    abstract String member(V result);

    /** The window a result belongs to, by its start. */
    abstract long start(V result);

    /** The roll-up of the window from {@code start}, as written. */
    abstract Upsert rollUp(long start, long end, List<V> results);

    @Override
    public void open(OpenContext openContext) {
        members = getRuntimeContext().getMapState(new MapStateDescriptor<>("members", TypeInformation.of(String.class), type));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    private long lastMs(long start) {
        return start + size - 1;
    }

    @Override
    public void processElement(V result, Context ctx, Collector<Upsert> out) throws Exception {
        long start = start(result);
        members.put(member(result), result);
        if (ctx.timerService().currentWatermark() >= lastMs(start)) {
            writeIfChanged(start, out);
        } else {
            ctx.timerService().registerEventTimeTimer(lastMs(start));
            ctx.timerService().registerEventTimeTimer(lastMs(start) + latenessMs + 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Upsert> out) throws Exception {
        long start = ctx.getCurrentKey();
        if (timestamp == lastMs(start)) {
            writeIfChanged(start, out);
        } else {
            members.clear();
            written.clear();
        }
    }

    private void writeIfChanged(long start, Collector<Upsert> out) throws Exception {
        List<V> all = new ArrayList<>();
        for (Map.Entry<String, V> e : members.entries()) all.add(e.getValue());
        Upsert u = rollUp(start, start + size, all);
        if (Arrays.equals(u.value, written.value())) return;
        written.update(u.value);
        out.collect(u);
    }
}
