package io.streamplatform.job.logs;

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
        return ("{\"ts\":\"" + Instant.ofEpochMilli(r.ts) + "\",\"service\":" + quote(r.service) + ",\"status\":" + r.status
                + ",\"latency_ms\":" + (r.latencyMicros / 1000.0) + ",\"path\":" + quote(r.path) + ",\"method\":" + quote(r.method) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long timestamp(LogRecord r) {
        return r.ts;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.append('"').toString();
    }
}
