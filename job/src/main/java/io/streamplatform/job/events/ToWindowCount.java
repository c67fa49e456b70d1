package io.streamplatform.job.events;

import io.streamplatform.common.events.WindowCount;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches the key and window bounds to a window's count. */
public final class ToWindowCount extends ProcessWindowFunction<Long, WindowCount, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Long> counts, Collector<WindowCount> out) {
        long count = counts.iterator().next();
        out.collect(new WindowCount(key, ctx.window().getStart(), ctx.window().getEnd(), count));
    }
}
