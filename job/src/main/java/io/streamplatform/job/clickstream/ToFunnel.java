package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Funnel;
import io.streamplatform.job.core.Upsert;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A category's window of action counts as its funnel record, under {@code <category>/<start>}. */
final class ToFunnel extends ProcessWindowFunction<ActionCounts, Upsert, String, TimeWindow> {
    @Override
    public void process(String category, Context ctx, Iterable<ActionCounts> elements, Collector<Upsert> out) {
        ActionCounts a = elements.iterator().next();
        Funnel f = new Funnel();
        f.category = category;
        f.start = ctx.window().getStart();
        f.end = ctx.window().getEnd();
        f.views = a.views;
        f.clicks = a.clicks;
        f.carts = a.carts;
        f.purchases = a.purchases;
        out.collect(new Upsert(f.key(), f.encode(), ctx.window().maxTimestamp()));
    }
}
