package io.streamplatform.common.logs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses access-log lines in the two formats servers write, strictly:
 * <ul>
 *   <li><b>combined</b> (NGINX/Apache) with the request time appended, NGINX's
 *       {@code log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
 *       "$http_referer" "$http_user_agent" $request_time';} — the service is the Kafka record key (what a log
 *       shipper sets), {@value #DEFAULT_SERVICE} when there is none;</li>
 *   <li><b>JSON</b> lines: {@code {"ts":"2026-12-01T10:00:00.123Z","service":"checkout","level":"info","status":200,
 *       "latency_ms":12.5,"path":"/api/cart","method":"GET"}} — {@code ts} as an ISO-8601 instant or epoch
 *       milliseconds; {@code level} and {@code method} optional, other fields ignored.</li>
 * </ul>
 * A line that is neither, or has an impossible field (a status outside 100-599, a negative latency, a timestamp that
 * does not parse) is rejected with a reason starting with a stable category: {@code not-a-log-line}, {@code oversized},
 * {@code missing-field}, {@code wrong-type}, {@code impossible}, {@code bad-timestamp}. Not thread-safe (one per task).
 */
public final class LogParser {
    public static final String DEFAULT_SERVICE = "default";
    /** Longest latency taken as real: a day. */
    static final long MAX_LATENCY_MICROS = 86_400_000_000L;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern COMBINED = Pattern.compile(
            "(\\S+) (\\S+) (\\S+) \\[([^\\]]+)] \"([^\"]*)\" (\\S+) (\\S+) \"([^\"]*)\" \"([^\"]*)\" (\\S+)");

    private final int maxBytes;
    private String error;

    public LogParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why the last {@link #parse} returned null. */
    public String error() {
        return error;
    }

    /** The parsed line, or null (then {@link #error()} says why). {@code key} is the record key (the service of a combined line). */
    public LogRecord parse(byte[] key, byte[] value) {
        error = null;
        if (value == null) return fail("not-a-log-line: null value (tombstone)");
        if (value.length > maxBytes) return fail("oversized: " + value.length + " bytes > limit " + maxBytes);
        int i = 0;
        while (i < value.length && (value[i] == ' ' || value[i] == '\t')) i++;
        if (i < value.length && value[i] == '{') return json(value);
        return combined(key, new String(value, StandardCharsets.UTF_8).strip());
    }

    private LogRecord combined(byte[] key, String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) return fail("not-a-log-line: neither JSON nor the combined format with $request_time");
        long ts;
        try {
            ts = LogTimestamps.timeLocal(m.group(4));
        } catch (DateTimeParseException e) {
            return fail("bad-timestamp: [" + m.group(4) + "]");
        }
        String[] request = m.group(5).split(" ");
        if (request.length != 3) return fail("not-a-log-line: request \"" + m.group(5) + "\" is not METHOD PATH PROTOCOL");
        Integer status = status(m.group(6));
        if (status == null) return null;
        long latency = requestTimeMicros(m.group(10));
        if (latency < 0) return null;
        String service = key == null || key.length == 0 ? DEFAULT_SERVICE : new String(key, StandardCharsets.UTF_8);
        return new LogRecord(service, ts, request[0], path(request[1]), status, latency);
    }

    private LogRecord json(byte[] value) {
        String service = null, path = null, method = null;
        Long ts = null;
        Integer status = null;
        Long latency = null;
        try (JsonParser p = JSON.createParser(value)) {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "service" -> service = text(p, v, name);
                    case "path" -> path = text(p, v, name);
                    case "method" -> method = text(p, v, name);
                    case "ts" -> {
                        if (v == JsonToken.VALUE_NUMBER_INT) ts = p.getLongValue();
                        else if (v == JsonToken.VALUE_STRING) {
                            try {
                                ts = LogTimestamps.instant(p.getText());
                            } catch (DateTimeParseException e) {
                                return fail("bad-timestamp: ts \"" + p.getText() + "\"");
                            }
                        } else return fail("wrong-type: ts is " + v);
                    }
                    case "status" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) return fail("wrong-type: status is " + v);
                        status = p.getIntValue();
                    }
                    case "latency_ms" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) return fail("wrong-type: latency_ms is " + v);
                        double ms = p.getDoubleValue();
                        if (!(ms >= 0) || ms * 1000 > MAX_LATENCY_MICROS) return fail("impossible: latency_ms " + p.getText());
                        latency = Math.round(ms * 1000);
                    }
                    default -> p.skipChildren();
                }
                if (error != null) return null;
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) return fail("not-a-log-line: not one JSON object");
        } catch (IOException e) {
            return fail("not-a-log-line: broken JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (error != null) return null;
        if (ts == null) return fail("missing-field: ts");
        if (service == null || service.isEmpty()) return fail("missing-field: service");
        if (status == null) return fail("missing-field: status");
        if (latency == null) return fail("missing-field: latency_ms");
        if (path == null || path.isEmpty()) return fail("missing-field: path");
        if (ts < 0) return fail("bad-timestamp: ts " + ts);
        if (status < 100 || status > 599) return fail("impossible: status " + status);
        return new LogRecord(service, ts, method == null ? "-" : method, path(path), status, latency);
    }

    private String text(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            fail("wrong-type: " + name + " is " + v);
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private Integer status(String s) {
        if (s.length() != 3 || !Character.isDigit(s.charAt(0)) || !Character.isDigit(s.charAt(1)) || !Character.isDigit(s.charAt(2))) {
            fail("wrong-type: status \"" + s + "\"");
            return null;
        }
        int status = Integer.parseInt(s);
        if (status < 100 || status > 599) {
            fail("impossible: status " + status);
            return null;
        }
        return status;
    }

    /** NGINX's $request_time: seconds with millisecond resolution, e.g. {@code 0.123}; -1 when it is not one. */
    private long requestTimeMicros(String s) {
        if (s.startsWith("-")) {
            fail(s.equals("-") ? "missing-field: request_time" : "impossible: request_time " + s);
            return -1;
        }
        try {
            long micros = new java.math.BigDecimal(s).movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            if (micros > MAX_LATENCY_MICROS) {
                fail("impossible: request_time " + s);
                return -1;
            }
            return micros;
        } catch (NumberFormatException | ArithmeticException e) {
            fail("wrong-type: request_time \"" + s + "\"");
            return -1;
        }
    }

    private static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private LogRecord fail(String reason) {
        error = reason;
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
