package io.streamplatform.job.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NormalizeTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void upperCasesTheTextOnlyAndKeepsEverythingElse() {
        Event in = new Event("r", 3, "key-a", 42, "hello, World 7 é");
        Event out = new Normalize().map(in);
        assertThat(out).isEqualTo(new Event("r", 3, "key-a", 42, "HELLO, WORLD 7 É"));
        assertThat(out.json).as("no JSON at hand: the sink encodes it").isNull();
    }

    /** Canonical input: the output JSON is the input's with the text upper-cased, and equals encoding the result. */
    @Test
    void canonicalInputIsUpperCasedInPlaceExactlyAsTheEncoderWouldWriteIt() {
        Random random = new Random(3);
        String alphabet = "abcxyzABCXYZ0189 _-:{}[],/~!?@`|\u007f";
        int inPlace = 0;
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            byte[] input = codec.encode(new Event("run-" + n, n, "key-" + random.nextInt(100), 1_700_000_000_000L + n, text.toString()));
            Event parsed = codec.parse(input).event();
            Event out = new Normalize().map(parsed);
            if (parsed.json != null) inPlace++;
            assertThat(out).isEqualTo(new Event(parsed.run, parsed.seq, parsed.key, parsed.ts, parsed.text.toUpperCase(java.util.Locale.ROOT)));
            if (out.json != null) assertThat(out.json).isEqualTo(codec.encode(new Event(out.run, out.seq, out.key, out.ts, out.text)));
            assertThat(input).as("the input bytes are not changed").isEqualTo(codec.encode(parsed));
        }
        assertThat(inPlace).as("the in-place path is exercised").isGreaterThan(1_500);
    }
}
