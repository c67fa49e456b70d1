package io.streamplatform.common.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingCodecTest {
    private static final String VALID = "{\"sensor\":\"s-017\",\"substation\":\"sub-01\",\"voltage\":231.2,\"current\":182.5,"
            + "\"frequency\":50.012,\"temperature\":41.3,\"ts\":\"2026-12-01T01:02:03.456Z\"}";

    private static Reading parse(ReadingCodec codec, String json) {
        return codec.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidReadingIsKeptInExactThousandths() {
        ReadingCodec codec = new ReadingCodec();
        Reading r = parse(codec, VALID);
        assertThat(codec.error()).isNull();
        assertThat(r).isEqualTo(new Reading("s-017", "sub-01", 231_200, 182_500, 50_012, 41_300, 1_796_086_923_456L));
    }

    @Test
    void epochMillisUnknownFieldsAndRoundingHalfUp() {
        ReadingCodec codec = new ReadingCodec();
        Reading r = parse(codec, "{\"ts\":1796086923456,\"extra\":{\"a\":[1,2]},\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":0.0005,"
                + "\"current\":0,\"frequency\":49.9994,\"temperature\":-273.15}");
        assertThat(r).isEqualTo(new Reading("s", "b", 1, 0, 49_999, -273_150, 1_796_086_923_456L));
    }

    @Test
    void encodeThenParseGivesTheSameReading() {
        Reading r = new Reading("s-001", "sub-00", 230_004, 99_999, 50_050, -5, 1_796_086_923_001L);
        ReadingCodec codec = new ReadingCodec();
        assertThat(parse(codec, ReadingCodec.encode(r, false))).isEqualTo(r);
        assertThat(parse(codec, ReadingCodec.encode(r, true))).isEqualTo(r);
        assertThat(ReadingCodec.encode(r, false)).contains("\"voltage\":230.004", "\"temperature\":-0.005", "\"ts\":\"2026-12-01T01:02:03.001Z\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|not-json: ",
        "[1,2]|not-json: not a JSON object",
        "{\"sensor\":\"s\"|not-json: ",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1}|missing-field: ts",
        "{\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|missing-field: sensor",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":\"1\",\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|wrong-type: voltage is a string",
        "{\"sensor\":7,\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|wrong-type: sensor is a number",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":-0.1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|impossible: voltage -0.100 < 0",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":-1,\"frequency\":1,\"temperature\":1,\"ts\":1}|impossible: current -1.000 < 0",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":0,\"temperature\":1,\"ts\":1}|impossible: frequency 0.000 <= 0",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":-273.151,\"ts\":1}|impossible: temperature -273.151 below absolute zero",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":NaN,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|impossible: voltage is NaN",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":Infinity,\"frequency\":1,\"temperature\":1,\"ts\":1}|impossible: current is Infinity",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1e400,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1}|impossible: voltage 1e400 is out of range",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":\"yesterday\"}|bad-timestamp: 'yesterday' is not an ISO-8601 instant",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":1.5}|bad-timestamp: ts is a number",
        "{\"sensor\":\"s\",\"substation\":\"b\",\"voltage\":1,\"current\":1,\"frequency\":1,\"temperature\":1,\"ts\":-5}|bad-timestamp: -5 is before 1970",
    })
    void eachMalformedRecordIsRejectedWithAReasonOfAStableCategory(String json, String reason) {
        ReadingCodec codec = new ReadingCodec();
        assertThat(parse(codec, json)).isNull();
        assertThat(codec.error()).startsWith(reason);
    }

    @Test
    void emptyAndOversizedRecordsAreRejected() {
        ReadingCodec codec = new ReadingCodec(50);
        assertThat(codec.parse(new byte[0])).isNull();
        assertThat(codec.error()).isEqualTo("not-json: empty record");
        assertThat(parse(codec, VALID)).isNull();
        assertThat(codec.error()).startsWith("too-large: ");
    }

    @Test
    void meansRoundHalfUpExactly() {
        assertThat(Fixed.mean(3, 2)).isEqualTo(2);
        assertThat(Fixed.mean(-3, 2)).isEqualTo(-1);
        assertThat(Fixed.mean(10, 3)).isEqualTo(3);
        assertThat(Fixed.mean(230_000L * 999_999 + 1, 999_999)).isEqualTo(230_000);
        assertThat(Fixed.format(1)).isEqualTo("0.001");
        assertThat(Fixed.parse("231.2")).isEqualTo(231_200);
    }
}
