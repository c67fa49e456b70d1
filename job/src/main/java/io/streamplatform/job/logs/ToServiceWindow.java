package io.streamplatform.job.logs;

import io.streamplatform.common.logs.ServiceWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A closed window's stats as the service's summary: exact nearest-rank percentiles from the latency histogram, top 5xx paths. */
final class ToServiceWindow extends ProcessWindowFunction<ServiceStats, ServiceWindow, String, TimeWindow> {
    private static final int[] PERCENTILES = {50, 95, 99};
    private final int topPaths;

    ToServiceWindow(int topPaths) {
        this.topPaths = topPaths;
    }

    @Override
    public void process(String service, Context ctx, Iterable<ServiceStats> stats, Collector<ServiceWindow> out) {
        ServiceStats s = stats.iterator().next();
        ServiceWindow w = new ServiceWindow();
        w.service = service;
        w.start = ctx.window().getStart();
        w.end = ctx.window().getEnd();
        w.requests = s.requests;
        w.status.c1xx = s.c1xx;
        w.status.c2xx = s.c2xx;
        w.status.c3xx = s.c3xx;
        w.status.c4xx = s.c4xx;
        w.status.c5xx = s.c5xx;
        w.errorRate = (double) s.c5xx / s.requests;
        double[] values = new double[PERCENTILES.length];
        long[] latencies = s.latencies.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long seen = 0;
        int next = 0;
        for (long latency : latencies) {
            seen += s.latencies.get(latency);
            while (next < PERCENTILES.length && seen > ServiceWindow.rank(PERCENTILES[next], s.requests)) {
                values[next++] = ServiceWindow.millis(latency);
            }
        }
        w.latencyMs.p50 = values[0];
        w.latencyMs.p95 = values[1];
        w.latencyMs.p99 = values[2];
        w.latencyMs.max = ServiceWindow.millis(latencies[latencies.length - 1]);
        w.topErrorPaths = s.errorPaths.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(topPaths)
                .map(e -> new ServiceWindow.PathErrors(e.getKey(), e.getValue()))
                .collect(Collectors.toCollection(ArrayList::new));
        out.collect(w);
    }
}
