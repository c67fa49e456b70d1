package io.streamplatform.common.logs;

/**
 * One parsed access-log line, whichever format it came in: the service that served the request, when (event time,
 * epoch ms), the request's method and path (query string dropped), the response status and the latency in
 * microseconds. A Flink POJO.
 */
public final class LogRecord {
    public String service;
    public long ts;
    public String method;
    public String path;
    public int status;
    public long latencyMicros;

    public LogRecord() {}

    public LogRecord(String service, long ts, String method, String path, int status, long latencyMicros) {
        this.service = service;
        this.ts = ts;
        this.method = method;
        this.path = path;
        this.status = status;
        this.latencyMicros = latencyMicros;
    }

    /** A server error (5xx): what the error rate and the top error paths count. */
    public boolean isError() {
        return status >= 500;
    }

    @Override
    public String toString() {
        return service + " " + ts + " " + method + " " + path + " " + status + " " + latencyMicros + "us";
    }
}
