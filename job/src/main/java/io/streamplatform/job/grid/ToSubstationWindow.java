package io.streamplatform.job.grid;

import io.streamplatform.common.grid.SubstationWindow;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A substation's summed window → its aggregate record (count, min/avg/max per quantity). */
final class ToSubstationWindow extends ProcessWindowFunction<WindowSums, SubstationWindow, String, TimeWindow> {
    @Override
    public void process(String substation, Context ctx, Iterable<WindowSums> sums, Collector<SubstationWindow> out) {
        for (WindowSums s : sums) out.collect(s.toWindow(substation, ctx.window().getStart(), ctx.window().getEnd()));
    }
}
