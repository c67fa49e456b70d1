package io.streamplatform.job.logs;

import io.streamplatform.common.logs.LogRecord;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Adds a line to its service window's {@link ServiceStats}. */
final class AddToStats implements AggregateFunction<LogRecord, ServiceStats, ServiceStats> {
    @Override
    public ServiceStats createAccumulator() {
        return new ServiceStats();
    }

    @Override
    public ServiceStats add(LogRecord r, ServiceStats s) {
        s.requests++;
        switch (r.status / 100) {
            case 1 -> s.c1xx++;
            case 2 -> s.c2xx++;
            case 3 -> s.c3xx++;
            case 4 -> s.c4xx++;
            default -> s.c5xx++;
        }
        s.latencies.merge(r.latencyMicros, 1L, Long::sum);
        if (r.isError()) s.errorPaths.merge(r.path, 1L, Long::sum);
        return s;
    }

    @Override
    public ServiceStats getResult(ServiceStats s) {
        return s;
    }

    @Override
    public ServiceStats merge(ServiceStats a, ServiceStats b) {
        a.requests += b.requests;
        a.c1xx += b.c1xx;
        a.c2xx += b.c2xx;
        a.c3xx += b.c3xx;
        a.c4xx += b.c4xx;
        a.c5xx += b.c5xx;
        b.latencies.forEach((k, v) -> a.latencies.merge(k, v, Long::sum));
        b.errorPaths.forEach((k, v) -> a.errorPaths.merge(k, v, Long::sum));
        return a;
    }
}
