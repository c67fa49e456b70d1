package io.streamplatform.common.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubstationWindowTest {
    @Test
    void encodesAndDecodesExactly() {
        SubstationWindow w = new SubstationWindow();
        w.substation = "sub-03";
        w.windowStart = 1_796_086_920_000L;
        w.windowEnd = 1_796_086_980_000L;
        w.readings = 600;
        w.voltage = new SubstationWindow.Stat(226_010, 230_004, 234_590);
        w.current = new SubstationWindow.Stat(100_000, 200_001, 299_999);
        w.frequency = new SubstationWindow.Stat(49_950, 50_000, 50_050);
        w.temperature = new SubstationWindow.Stat(-1, 0, 1);
        String json = new String(w.encode(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"start\":" + java.time.Instant.parse("2026-12-01T01:02:00Z").toEpochMilli() + ",", "\"voltage\":{\"min\":226.010,\"avg\":230.004,\"max\":234.590}",
                "\"temperature\":{\"min\":-0.001,\"avg\":0.000,\"max\":0.001}");
        assertThat(SubstationWindow.decode(w.encode())).isEqualTo(w);
        assertThatThrownBy(() -> SubstationWindow.decode("{\"substation\":\"x\"}".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }
}
