package io.streamplatform.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0,0", "500ms,500", "10s,10000", "2m,120000", "2min,120000", "1h,3600000", "1d,86400000", " 3s ,3000"})
    void aNumberAndAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aBareNumberIsRejectedSayingWhichUnitsThereAre() {
        assertThatThrownBy(() -> Durations.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'5' has no unit: write 5ms, 5s, 5m or 5h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1.5s", "-1s", "10 s", "PT10S", "10sec", "1w"})
    void anythingElseIsRejected(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1500ms", "10s", "2m", "1h", "2d"})
    void formatIsTheShortestExactFormAndParsesBack(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @Test
    void thePatternAcceptsWhatParseAccepts() {
        for (String ok : new String[] {"0", "500ms", "10s", "2m", "2min", "1h", "1d"}) assertThat(ok).matches(Durations.PATTERN);
        for (String bad : new String[] {"5", "1.5s", "10 s", "PT10S"}) assertThat(bad).doesNotMatch(Durations.PATTERN);
    }
}
