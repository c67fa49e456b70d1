package io.streamplatform.job.events;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental window count: the window keeps one long, the sum of its tallies (partial counts and single events). */
public final class SumTallies implements AggregateFunction<Tally, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(Tally value, Long acc) {
        return acc + value.count;
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
