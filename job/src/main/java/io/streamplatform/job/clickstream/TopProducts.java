package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Trending;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Ranks the products of one sliding window (keyed by its start): collects every product's count, writes the top N
 * ({@link Trending#RANK}: most clicks first, ties by product id) when event time reaches the window's end, and again
 * whenever a late click's updated count changes the top N. Its state goes once no update can come any more (the
 * window's end plus the allowed lateness).
 */
final class TopProducts extends KeyedProcessFunction<Long, ProductWindow, Upsert> {
    private final long size;
    private final long latenessMs;
    private final int n;
    private transient MapState<String, Long> counts;
    private transient ValueState<byte[]> written;

    TopProducts(long size, long latenessMs, int n) {
        this.size = size;
        this.latenessMs = latenessMs;
        this.n = n;
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("product-counts", String.class, Long.class));
        written = getRuntimeContext().getState(new ValueStateDescriptor<>("written-top", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    private long lastMs(long start) {
        return start + size - 1;
    }

    @Override
    public void processElement(ProductWindow p, Context ctx, Collector<Upsert> out) throws Exception {
        counts.put(p.product, p.events);
        long last = lastMs(p.start);
        if (ctx.timerService().currentWatermark() >= last) {
            emitIfChanged(p.start, out);
        } else {
            ctx.timerService().registerEventTimeTimer(last);
            ctx.timerService().registerEventTimeTimer(last + latenessMs + 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Upsert> out) throws Exception {
        long start = ctx.getCurrentKey();
        if (timestamp == lastMs(start)) {
            emitIfChanged(start, out);
        } else {
            counts.clear();
            written.clear();
        }
    }

    private void emitIfChanged(long start, Collector<Upsert> out) throws Exception {
        List<Trending.ProductCount> all = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entries()) all.add(new Trending.ProductCount(e.getKey(), e.getValue()));
        all.sort(Trending.RANK);
        byte[] value = new Trending(start, start + size, all.subList(0, Math.min(n, all.size()))).encode();
        if (Arrays.equals(value, written.value())) return;
        written.update(value);
        out.collect(new Upsert(Trending.key(start), value, lastMs(start)));
    }
}
