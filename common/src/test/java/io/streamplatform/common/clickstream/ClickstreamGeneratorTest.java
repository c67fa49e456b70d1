package io.streamplatform.common.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickstreamGeneratorTest {
    private static final long NOW = 1_764_583_200_000L;

    private record Sent(String value, long ts, boolean valid, boolean tooLate) {}

    private static List<Sent> run(long seed, int count) {
        var g = new ClickstreamGenerator(new GeneratorSettings("r", 50, 0, 0.01, seed, count), () -> NOW);
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(g.next()).isTrue();
            out.add(new Sent(new String(g.value(), StandardCharsets.UTF_8), g.timestamp(), g.valid(), g.headers().containsKey(Headers.TOO_LATE)));
        }
        return out;
    }

    @Test
    void isReproducibleFromItsSeedAndMixesInMalformedLateAndTooLateClicks() {
        List<Sent> a = run(7, 20_000);
        assertThat(run(7, 20_000)).isEqualTo(a);
        assertThat(run(8, 20_000)).isNotEqualTo(a);
        ClickCodec codec = new ClickCodec();
        assertThat(a.stream().filter(s -> !s.valid())).hasSize(200).allMatch(s -> codec.parse(s.value().getBytes(StandardCharsets.UTF_8)) == null);
        List<Sent> tooLate = a.stream().filter(Sent::tooLate).toList();
        assertThat(tooLate).isNotEmpty().allMatch(Sent::valid);
        assertThat(a.indexOf(tooLate.get(0))).as("none before 30 % of the run").isGreaterThanOrEqualTo(6_000);

        // Valid clicks parse, come in event-time order but for the few sent late, and end about now.
        long maxSoFar = Long.MIN_VALUE, behindByMinutes = 0;
        for (Sent s : a) {
            if (!s.valid() || s.tooLate()) continue;
            Click c = codec.parse(s.value().getBytes(StandardCharsets.UTF_8));
            assertThat(c.ts).isEqualTo(s.ts());
            if (maxSoFar != Long.MIN_VALUE) assertThat(maxSoFar - c.ts).as("late within the default allowed lateness").isLessThan(10 * 60_000);
            if (maxSoFar - c.ts > 5 * 60_000) behindByMinutes++;
            maxSoFar = Math.max(maxSoFar, c.ts);
        }
        assertThat(behindByMinutes).as("clicks past the session gap, within the lateness").isGreaterThan(20);
        for (Sent s : tooLate) assertThat(maxSoFar - s.ts()).isGreaterThan(86_400_000L);
        assertThat(NOW - maxSoFar).as("the timeline ends about now").isBetween(-3_600_000L, 3_600_000L);
    }
}
