package io.streamplatform.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogParserTest {
    private final LogParser parser = new LogParser(64 * 1024);

    private LogRecord parse(String key, String line) {
        return parser.parse(key == null ? null : key.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsACombinedLineWithItsRequestTimeAndTakesTheServiceFromTheKey() {
        LogRecord r = parse("checkout", "10.1.2.3 - alice [01/Dec/2026:10:00:07 +0100] \"POST /api/cart/create?x=1 HTTP/1.1\" 503 1234 "
                + "\"https://shop.example/\" \"Mozilla/5.0 (X11)\" 0.250");
        assertThat(r).isNotNull();
        assertThat(r.service).isEqualTo("checkout");
        assertThat(r.ts).isEqualTo(java.time.Instant.parse("2026-12-01T09:00:07Z").toEpochMilli());
        assertThat(r.method).isEqualTo("POST");
        assertThat(r.path).isEqualTo("/api/cart/create");
        assertThat(r.status).isEqualTo(503);
        assertThat(r.latencyMicros).isEqualTo(250_000);
        assertThat(r.isError()).isTrue();
        assertThat(parse(null, "10.1.2.3 - - [01/Dec/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" 0.001").service)
                .isEqualTo(LogParser.DEFAULT_SERVICE);
    }

    @Test
    void readsAJsonLineWithAnIsoOrEpochTimestamp() {
        LogRecord r = parse(null, "{\"ts\":\"2026-12-01T10:00:00.123Z\",\"service\":\"search\",\"level\":\"info\",\"status\":200,"
                + "\"latency_ms\":12.5,\"path\":\"/api/search/list?q=a\",\"method\":\"GET\",\"trace\":{\"id\":\"x\"}}");
        assertThat(r).isNotNull();
        assertThat(r.service).isEqualTo("search");
        assertThat(r.ts).isEqualTo(java.time.Instant.parse("2026-12-01T10:00:00.123Z").toEpochMilli());
        assertThat(r.path).isEqualTo("/api/search/list");
        assertThat(r.latencyMicros).isEqualTo(12_500);
        assertThat(parse(null, "{\"ts\":1764583200000,\"service\":\"s\",\"status\":404,\"latency_ms\":3,\"path\":\"/p\"}").ts)
                .isEqualTo(1764583200000L);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "kernel: eth0 link up|not-a-log-line",
        "10.1.2.3 - - [01/Dec/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 999 5 \"-\" \"-\" 0.001|impossible: status 999",
        "10.1.2.3 - - [01/Dec/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" -0.5|impossible: request_time",
        "10.1.2.3 - - [31/Foo/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" 0.001|bad-timestamp",
        "10.1.2.3 - - [01/Dec/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"|not-a-log-line",
        "10.1.2.3 - - [01/Dec/2026:10:00:07 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" -|missing-field: request_time",
        "{\"ts\":\"yesterday\",\"service\":\"s\",\"status\":200,\"latency_ms\":1,\"path\":\"/p\"}|bad-timestamp",
        "{\"ts\":1,\"service\":\"s\",\"status\":200,\"latency_ms\":-3.5,\"path\":\"/p\"}|impossible: latency_ms",
        "{\"ts\":1,\"service\":\"s\",\"status\":99,\"latency_ms\":1,\"path\":\"/p\"}|impossible: status 99",
        "{\"ts\":1,\"service\":\"s\",\"status\":\"200\",\"latency_ms\":1,\"path\":\"/p\"}|wrong-type: status",
        "{\"ts\":1,\"status\":200,\"latency_ms\":1,\"path\":\"/p\"}|missing-field: service",
        "{\"ts\":1,\"service\":\"s\",\"status\":200,\"latency_ms\":1,\"path\":\"/p\"|not-a-log-line",
    })
    void rejectsWhatIsNotALogLineOrIsImpossibleWithAReason(String line, String reason) {
        assertThat(parse("svc", line)).isNull();
        assertThat(parser.error()).startsWith(reason);
    }

    @Test
    void rejectsOversizedLines() {
        assertThat(new LogParser(10).parse(null, "{\"ts\":1,\"service\":\"s\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
