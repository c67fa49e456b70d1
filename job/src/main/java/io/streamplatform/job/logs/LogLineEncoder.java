package io.streamplatform.job.logs;

import io.streamplatform.common.JsonText;
import io.streamplatform.common.logs.LogRecord;
import io.streamplatform.job.core.RecordEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A parsed line written back as a JSON log line (what a late line is dead-lettered as), keyed by service. */
final class LogLineEncoder implements RecordEncoder<LogRecord> {
    @Override
    public byte[] key(LogRecord r) {
        return r.service.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(LogRecord r) {
        return ("{\"ts\":\"" + Instant.ofEpochMilli(r.ts) + "\",\"service\":" + JsonText.quote(r.service) + ",\"status\":" + r.status
                + ",\"latency_ms\":" + (r.latencyMicros / 1000.0) + ",\"path\":" + JsonText.quote(r.path) + ",\"method\":" + JsonText.quote(r.method) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long timestamp(LogRecord r) {
        return r.ts;
    }
}
