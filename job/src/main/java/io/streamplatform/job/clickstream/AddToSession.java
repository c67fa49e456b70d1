package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds a click to its session; merges two sessions a click has joined. */
final class AddToSession implements AggregateFunction<Click, SessionAcc, SessionAcc> {
    @Override
    public SessionAcc createAccumulator() {
        return new SessionAcc();
    }

    @Override
    public SessionAcc add(Click c, SessionAcc s) {
        s.first = Math.min(s.first, c.ts);
        s.last = Math.max(s.last, c.ts);
        switch (c.action) {
            case VIEW -> s.views++;
            case CLICK -> s.clicks++;
            case CART -> s.carts++;
            case PURCHASE -> {
                s.purchases++;
                s.revenueCents += c.priceCents;
            }
        }
        s.addProduct(c.product);
        return s;
    }

    @Override
    public SessionAcc getResult(SessionAcc s) {
        return s;
    }

    @Override
    public SessionAcc merge(SessionAcc a, SessionAcc b) {
        a.first = Math.min(a.first, b.first);
        a.last = Math.max(a.last, b.last);
        a.views += b.views;
        a.clicks += b.clicks;
        a.carts += b.carts;
        a.purchases += b.purchases;
        a.revenueCents += b.revenueCents;
        for (String p : b.products) a.addProduct(p);
        return a;
    }
}
