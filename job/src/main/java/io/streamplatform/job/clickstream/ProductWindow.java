package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** One product's clicks in one sliding window, the input of the window's ranking. A Flink POJO. */
public final class ProductWindow {
    public String product;
    public long start;
    public long events;

    public ProductWindow() {}

    ProductWindow(String product, long start, long events) {
        this.product = product;
        this.start = start;
        this.events = events;
    }

    /** Counts a product's clicks of any kind. */
    static final class Count implements AggregateFunction<Click, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Click c, Long n) {
            return n + 1;
        }

        @Override
        public Long getResult(Long n) {
            return n;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** The count with its product and window. */
    static final class Emit extends ProcessWindowFunction<Long, ProductWindow, String, TimeWindow> {
        @Override
        public void process(String product, Context ctx, Iterable<Long> counts, Collector<ProductWindow> out) {
            out.collect(new ProductWindow(product, ctx.window().getStart(), counts.iterator().next()));
        }
    }
}
