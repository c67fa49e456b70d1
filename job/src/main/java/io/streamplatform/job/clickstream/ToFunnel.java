package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Funnel;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A category's window of action counts as its funnel. */
final class ToFunnel extends ProcessWindowFunction<ActionCounts, Funnel, String, TimeWindow> {
    @Override
    public void process(String category, Context ctx, Iterable<ActionCounts> elements, Collector<Funnel> out) {
        ActionCounts a = elements.iterator().next();
        Funnel f = new Funnel();
        f.category = category;
        f.start = ctx.window().getStart();
        f.end = ctx.window().getEnd();
        f.views = a.views;
        f.clicks = a.clicks;
        f.carts = a.carts;
        f.purchases = a.purchases;
        out.collect(f);
    }
}
