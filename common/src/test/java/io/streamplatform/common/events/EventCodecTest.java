package io.streamplatform.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {
    private final EventCodec codec = new EventCodec(1024);

    @Test
    void roundTripsAnEvent() {
        Event e = new Event("r1", 42, "user-7", 1_700_000_000_000L, "héllo \"world\"");
        ParseResult r = codec.parse(codec.encode(e));
        assertThat(r.isValid()).as(r.error()).isTrue();
        assertThat(r.event()).isEqualTo(e);
    }

    @Test
    void ignoresUnknownFields() {
        ParseResult r = codec.parse(bytes("{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\",\"extra\":{\"a\":[1]}}"));
        assertThat(r.isValid()).isTrue();
        assertThat(r.event().text).isEqualTo("t");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello world|not-json",
        "[1,2]|not-json",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5}|missing-field: text",
        "{\"run\":\"r\",\"seq\":\"1\",\"key\":\"k\",\"ts\":5,\"text\":\"t\"}|wrong-type: seq",
        "{\"run\":\"r\",\"seq\":1.5,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}|wrong-type: seq",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"\",\"ts\":5,\"text\":\"t\"}|invalid-value: key",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":99999999999999999999999,\"text\":\"t\"}|invalid-value: ts",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"} {}|not-json: trailing",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\"|not-json",
    })
    void rejectsMalformedJsonWithAReason(String input, String reasonPrefix) {
        ParseResult r = codec.parse(bytes(input));
        assertThat(r.isValid()).isFalse();
        assertThat(r.error()).startsWith(reasonPrefix);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] b = bytes("{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"xx\"}");
        b[b.length - 3] = (byte) 0xC3; // a lead byte followed by an ASCII quote: malformed
        ParseResult r = codec.parse(b);
        assertThat(r.error()).startsWith("not-utf8");
    }

    @Test
    void rejectsOversizedAndNull() {
        assertThat(codec.parse(new byte[2048]).error()).startsWith("oversized: 2048");
        assertThat(codec.parse(null).error()).startsWith("not-json");
    }

    @Test
    void windowCountsRoundTripAndGarbageIsRejected() {
        WindowCount w = new WindowCount("k", 10_000, 20_000, 7);
        assertThat(codec.decodeWindowCount(codec.encode(w))).isEqualTo(w);
        assertThatThrownBy(() -> codec.decodeWindowCount(bytes("{\"key\":\"k\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.api.Test
    void thePlainAsciiFastPathWritesExactlyWhatJacksonWrites() {
        EventCodec codec = new EventCodec();
        for (Event e : java.util.List.of(
                new Event("r-1", 0, "key-7", 1_700_000_000_000L, "hello world"),
                new Event("run", Long.MAX_VALUE, "k", 0, ""),
                new Event("r", 5, "k/x", 42, "a ~ b { } [ ] : , ' < > &"))) {
            assertThat(EventCodec.encodePlainAscii(e)).isNotNull();
            assertThat(new String(codec.encode(e), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(codec.encodeWithJackson(e), java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.Random random = new java.util.Random(11);
        long[] edges = {0, 9, 10, 99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE};
        for (int n = 0; n < 2_000; n++) {
            long seq = n < edges.length ? edges[n] : random.nextLong() >>> (1 + random.nextInt(63));
            long ts = n < edges.length ? edges[edges.length - 1 - n] : random.nextLong() >>> (1 + random.nextInt(63));
            Event e = new Event("r-" + n, seq, "key-" + random.nextInt(1000), ts, "text " + Long.toHexString(random.nextLong()));
            assertThat(new String(EventCodec.encodePlainAscii(e), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(codec.encodeWithJackson(e), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (Event e : java.util.List.of(new Event("r", -1, "k", 2, "negative"), new Event("r", 1, "k", Long.MIN_VALUE, "t"))) {
            assertThat(EventCodec.encodePlainAscii(e)).as("negative numbers go through Jackson").isNull();
            assertThat(codec.encode(e)).isEqualTo(codec.encodeWithJackson(e));
        }
        for (Event e : java.util.List.of(
                new Event("r", 1, "k", 2, "quote \" and backslash \\"),
                new Event("r", 1, "k", 2, "tab\there"),
                new Event("r", 1, "ключ", 2, "é"))) {
            assertThat(EventCodec.encodePlainAscii(e)).isNull();
            assertThat(codec.parse(codec.encode(e)).event()).isEqualTo(e);
        }
    }
}
