package io.streamplatform.job.analytics;

import io.streamplatform.common.Event;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental count of a window's events: the window keeps one long, not the events. */
public final class CountEvents implements AggregateFunction<Event, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(Event value, Long acc) {
        return acc + 1;
    }

    @Override
    public Long getResult(Long acc) {
        return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}
