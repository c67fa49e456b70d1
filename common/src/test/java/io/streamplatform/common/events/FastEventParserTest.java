package io.streamplatform.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must never accept what the full parser rejects, and must return the same event when it accepts. */
class FastEventParserTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void takesTheCommonShapeAndAgreesWithTheFullParser() {
        byte[] b = codec.encode(new Event("r-1", 12, "key-3", 1_700_000_000_000L, "some text"));
        Event fast = FastEventParser.tryParse(b);
        assertThat(fast).isNotNull().isEqualTo(codec.parseWithJackson(b).event());
        assertThat(fast.json).as("the encoder's own output is kept as the event's JSON").isSameAs(b);
        Event spaced = FastEventParser.tryParse(utf8(" {\n\"ts\" : 5 ,\"text\":\"\",\"key\":\"k\",\"seq\":0,\"run\":\"r\"}\t"));
        assertThat(spaced).isNotNull();
        assertThat(spaced.json).as("not canonical (whitespace, field order)").isNull();
        assertThat(FastEventParser.tryParse(utf8("{\"seq\":1,\"run\":\"r\",\"key\":\"k\",\"ts\":5,\"text\":\"t\"}")).json)
                .as("another field order").isNull();
        assertThat(FastEventParser.tryParse(utf8("{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"} ")).json)
                .as("trailing whitespace").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"run\":\"r\",\"seq\":01,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":1.0,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":1e3,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":-1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":1234567890123456789,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"\",\"ts\":5,\"text\":\"t\"}",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"a\\\"b\"}",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\",\"x\":1}",
        "{\"run\":\"r\",\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5}",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}x",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"",
        "{\"run\":\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":null}",
        "{'run':\"r\",\"seq\":1,\"key\":\"k\",\"ts\":5,\"text\":\"t\"}",
    })
    void leavesEverythingElseToTheFullParser(String input) {
        assertThat(FastEventParser.tryParse(utf8(input))).isNull();
    }

    /**
     * Generated events and thousands of mutations of them: wherever the fast path answers, it agrees; wherever it
     * keeps the input as the event's JSON, that is exactly what the encoder writes for the event.
     */
    @Test
    void agreesWithTheFullParserOnGeneratedAndMutatedInputs() {
        Random random = new Random(7);
        String alphabet = "abcXYZ09 _-:{}[],\"\\\t/é\u007f~";
        int fastAccepted = 0, compared = 0, kept = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            Event e = new Event("run-" + random.nextInt(5), random.nextInt(1_000_000), "key-" + random.nextInt(50),
                    Math.abs(random.nextLong() % 2_000_000_000_000L), text.toString());
            byte[] valid = codec.encode(e);
            List<byte[]> inputs = new ArrayList<>(List.of(valid));
            for (int m = 0; m < 5; m++) inputs.add(mutate(valid, random));
            for (byte[] input : inputs) {
                compared++;
                Event fast = FastEventParser.tryParse(input);
                ParseResult full = codec.parseWithJackson(input);
                if (fast != null) {
                    fastAccepted++;
                    assertThat(full.isValid()).as("full parser accepts %s", new String(input, StandardCharsets.ISO_8859_1)).isTrue();
                    assertThat(fast).isEqualTo(full.event());
                    if (fast.json != null) {
                        kept++;
                        Event fields = new Event(fast.run, fast.seq, fast.key, fast.ts, fast.text); // without the kept JSON
                        assertThat(codec.encode(fields)).as("kept JSON is what the encoder writes").isEqualTo(fast.json);
                    }
                }
                ParseResult viaCodec = codec.parse(input);
                assertThat(viaCodec.isValid()).isEqualTo(full.isValid() && EventCodec.isUtf8(input));
            }
        }
        assertThat(fastAccepted).as("the fast path is exercised").isGreaterThan(compared / 10);
        assertThat(kept).as("canonical inputs are kept as the events' JSON").isGreaterThan(compared / 20);
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int at = random.nextInt(b.length);
        switch (random.nextInt(5)) {
            case 0 -> {
                String replacements = " {}\":,0-9.eE\\x\t";
                b[at] = (byte) replacements.charAt(random.nextInt(replacements.length()));
            }
            case 1 -> b = java.util.Arrays.copyOf(b, at);
            case 2 -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) " \n0\"".charAt(random.nextInt(4));
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                b = longer;
            }
            case 3 -> b[at] = (byte) random.nextInt(256);
            default -> {
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                b = shorter;
            }
        }
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
