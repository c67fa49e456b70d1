package io.streamplatform.common.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read timestamps agree with java.time's on every shape, and what java.time refuses stays refused. */
class LogTimestampsTest {
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    @Test
    void agreeWithJavaTimeOnRandomInstantsAndOffsets() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long ms = random.nextLong(0, 4_102_444_800_000L); // 1970..2100
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-14 * 4, 14 * 4 + 1) * 900);
            String local = OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), offset).format(TIME_LOCAL);
            assertThat(LogTimestamps.timeLocal(local)).as(local).isEqualTo(ms / 1000 * 1000);
            String iso = Instant.ofEpochMilli(ms).toString();
            assertThat(LogTimestamps.instant(iso)).as(iso).isEqualTo(ms);
        }
        assertThat(LogTimestamps.instant("2026-12-01T10:00:07.1Z")).isEqualTo(Instant.parse("2026-12-01T10:00:07.100Z").toEpochMilli());
        assertThat(LogTimestamps.instant("2026-12-01T10:00:07.123456789Z")).isEqualTo(Instant.parse("2026-12-01T10:00:07.123Z").toEpochMilli());
        assertThat(LogTimestamps.instant("2026-12-01T10:00:07+01:00")).isEqualTo(Instant.parse("2026-12-01T09:00:07Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/Feb/2026:10:00:07 +0000", "01/Foo/2026:10:00:07 +0000", "01/Dec/2026:24:00:07 +0000", "1/Dec/2026:10:00:07 +0000", "yesterday"})
    void refuseWhatIsNotATimeLocal(String s) {
        assertThatThrownBy(() -> LogTimestamps.timeLocal(s)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:07Z", "2026-12-01T10:60:07Z", "2026-12-01 10:00:07Z", "2026-12-01T25:00:07Z", "yesterday"})
    void refuseWhatIsNotAnInstant(String s) {
        assertThatThrownBy(() -> LogTimestamps.instant(s)).isInstanceOf(DateTimeParseException.class);
    }
}
