package io.streamplatform.common.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WatchCodecTest {
    final WatchCodec codec = new WatchCodec(1024);

    @Test
    void watchesAndCatalogueRecordsRoundTrip() {
        Watch w = new Watch("u-0001", "v-\"7\"", Watch.SEEK, 184_000, 1_764_550_800_123L);
        assertThat(codec.parseWatch(WatchCodec.encode(w))).isEqualTo(w);
        Video v = new Video("v-0117", "Night trains of Europe", "travel", 1_260_000);
        assertThat(codec.parseVideo(WatchCodec.encode(v))).isEqualTo(v);
        assertThat(codec.parseVideo(WatchCodec.encode(w))).as("a watch is not a catalogue record").isNull();
        assertThat(codec.parseWatch(WatchCodec.encode(v))).as("a catalogue record is not a watch").isNull();
    }

    @Test
    void malformedRecordsSayWhy() {
        assertReason("not-json", "user=u-1 played");
        assertReason("missing-field: video", "{\"user\":\"u\",\"action\":\"play\",\"position_ms\":0,\"ts\":1}");
        assertReason("impossible: action 'rewind'", "{\"user\":\"u\",\"video\":\"v\",\"action\":\"rewind\",\"position_ms\":0,\"ts\":1}");
        assertReason("wrong-type: position_ms", "{\"user\":\"u\",\"video\":\"v\",\"action\":\"seek\",\"position_ms\":\"12s\",\"ts\":1}");
        assertReason("impossible: position_ms -1", "{\"user\":\"u\",\"video\":\"v\",\"action\":\"seek\",\"position_ms\":-1,\"ts\":1}");
        assertReason("too-large", "{\"user\":\"" + "u".repeat(2000) + "\"}");
        assertThat(codec.parseVideo("{\"video\":\"v\",\"title\":\"t\",\"duration_ms\":1}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(codec.error()).startsWith("missing-field: category");
        assertThat(codec.parseVideo("{\"video\":\"v\",\"title\":\"t\",\"category\":\"news\",\"duration_ms\":0}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(codec.error()).startsWith("impossible: duration_ms 0");
    }

    @Test
    void permilleIsCappedAndCompleteIsWhole() {
        assertThat(Watch.permille(Watch.PLAY, 50_000, 100_000)).isEqualTo(500);
        assertThat(Watch.permille(Watch.PAUSE, 99_999, 100_000)).isEqualTo(999);
        assertThat(Watch.permille(Watch.SEEK, 250_000, 100_000)).isEqualTo(1000);
        assertThat(Watch.permille(Watch.COMPLETE, 0, 100_000)).isEqualTo(1000);
    }

    private void assertReason(String reason, String json) {
        assertThat(codec.parseWatch(json.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(codec.error()).startsWith(reason);
    }
}
