package io.streamplatform.common.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The logs job's summary of one service in one event-time window [start, end): requests, responses per status class,
 * the error rate (5xx over all), exact latency percentiles (nearest rank, in ms), and the paths with most 5xx
 * (most first, ties by path). A Flink POJO; JSON on the wire:
 *
 * <pre>{"service":"checkout","start":1764583200000,"end":1764583260000,"requests":312,
 *  "status":{"1xx":0,"2xx":285,"3xx":12,"4xx":14,"5xx":1},"error_rate":0.0032,
 *  "latency_ms":{"p50":41.0,"p95":187.0,"p99":402.0,"max":655.0},"top_error_paths":[{"path":"/api/pay","errors":1}]}</pre>
 */
@JsonPropertyOrder({"service", "start", "end", "requests", "status", "error_rate", "latency_ms", "top_error_paths"})
public final class ServiceWindow {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String service;
    public long start;
    public long end;
    public long requests;
    public StatusClasses status = new StatusClasses();
    @JsonProperty("error_rate")
    public double errorRate;
    @JsonProperty("latency_ms")
    public Latency latencyMs = new Latency();
    @JsonProperty("top_error_paths")
    public List<PathErrors> topErrorPaths = new ArrayList<>();

    public ServiceWindow() {}

    /** Responses per status class. */
    @JsonPropertyOrder({"1xx", "2xx", "3xx", "4xx", "5xx"})
    public static final class StatusClasses {
        @JsonProperty("1xx") public long c1xx;
        @JsonProperty("2xx") public long c2xx;
        @JsonProperty("3xx") public long c3xx;
        @JsonProperty("4xx") public long c4xx;
        @JsonProperty("5xx") public long c5xx;

        public StatusClasses() {}

        /** Counts one response of {@code status} (100-599). */
        public void add(int status, long n) {
            switch (status / 100) {
                case 1 -> c1xx += n;
                case 2 -> c2xx += n;
                case 3 -> c3xx += n;
                case 4 -> c4xx += n;
                default -> c5xx += n;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StatusClasses s && c1xx == s.c1xx && c2xx == s.c2xx && c3xx == s.c3xx && c4xx == s.c4xx && c5xx == s.c5xx;
        }

        @Override
        public int hashCode() {
            return Objects.hash(c1xx, c2xx, c3xx, c4xx, c5xx);
        }
    }

    /** Latency percentiles by nearest rank, and the maximum, in milliseconds (microsecond precision). */
    @JsonPropertyOrder({"p50", "p95", "p99", "max"})
    public static final class Latency {
        public double p50;
        public double p95;
        public double p99;
        public double max;

        public Latency() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof Latency l && p50 == l.p50 && p95 == l.p95 && p99 == l.p99 && max == l.max;
        }

        @Override
        public int hashCode() {
            return Objects.hash(p50, p95, p99, max);
        }
    }

    /** A path and its 5xx responses in the window. */
    public static final class PathErrors {
        public String path;
        public long errors;

        public PathErrors() {}

        public PathErrors(String path, long errors) {
            this.path = path;
            this.errors = errors;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PathErrors p && errors == p.errors && Objects.equals(path, p.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, errors);
        }
    }

    /** Milliseconds from microseconds, exactly as both the job and the verifier write them. */
    public static double millis(long micros) {
        return micros / 1000.0;
    }

    /** The nearest-rank index (0-based) of percentile {@code p} among {@code n} sorted values: ceil(p/100·n) − 1. */
    public static long rank(int p, long n) {
        return Math.max(0, (p * n + 99) / 100 - 1);
    }

    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a service window */
    public static ServiceWindow decode(byte[] json) {
        try {
            ServiceWindow w = JSON.readValue(json, ServiceWindow.class);
            if (w.service == null || w.end <= w.start) throw new IllegalArgumentException("not a service window");
            return w;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a service window: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceWindow w && start == w.start && end == w.end && requests == w.requests && errorRate == w.errorRate
                && Objects.equals(service, w.service) && Objects.equals(status, w.status) && Objects.equals(latencyMs, w.latencyMs)
                && Objects.equals(topErrorPaths, w.topErrorPaths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(service, start, end, requests);
    }

    @Override
    public String toString() {
        return new String(encode(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
