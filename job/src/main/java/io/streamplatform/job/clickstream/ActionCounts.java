package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Clicks per action in a window. A Flink POJO, and the aggregate that fills it. */
public final class ActionCounts {
    public long views;
    public long clicks;
    public long carts;
    public long purchases;

    public ActionCounts() {}

    static final class Count implements AggregateFunction<Click, ActionCounts, ActionCounts> {
        @Override
        public ActionCounts createAccumulator() {
            return new ActionCounts();
        }

        @Override
        public ActionCounts add(Click c, ActionCounts a) {
            switch (c.action) {
                case VIEW -> a.views++;
                case CLICK -> a.clicks++;
                case CART -> a.carts++;
                case PURCHASE -> a.purchases++;
            }
            return a;
        }

        @Override
        public ActionCounts getResult(ActionCounts a) {
            return a;
        }

        @Override
        public ActionCounts merge(ActionCounts a, ActionCounts b) {
            a.views += b.views;
            a.clicks += b.clicks;
            a.carts += b.carts;
            a.purchases += b.purchases;
            return a;
        }
    }
}
