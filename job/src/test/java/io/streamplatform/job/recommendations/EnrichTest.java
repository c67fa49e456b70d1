package io.streamplatform.job.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.recommendations.RecommendationsDefinition;
import io.streamplatform.common.recommendations.Video;
import io.streamplatform.common.recommendations.Watch;
import io.streamplatform.job.core.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The join with the catalogue, in Flink's keyed two-input harness (real state and event-time timers). */
class EnrichTest {
    static final long WAIT = 600_000;

    static KeyedTwoInputStreamOperatorTestHarness<String, Watch, Video, EnrichedWatch> harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new Enrich(Duration.ofMillis(WAIT), "watches"),
                (Watch w) -> w.video, (Video v) -> v.video, Types.STRING);
        h.open();
        return h;
    }

    static Watch watch(String video, long ts) {
        Watch w = new Watch("u-1", video, Watch.PAUSE, 30_000, ts);
        w.run = "run-7";
        return w;
    }

    static List<DeadLetter> deadLetters(KeyedTwoInputStreamOperatorTestHarness<String, Watch, Video, EnrichedWatch> h) {
        var out = h.getSideOutput(Enrich.UNKNOWN);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aWatchJoinsTheVersionInEffectAtItsOwnTimeWhicheverArrivedFirst() throws Exception {
        try (var h = harness()) {
            // Both versions arrive before the watches (a catalogue read ahead of the watches, as in a backlog).
            h.processElement2(new Video("v-1", "t", "comedy", 60_000), 1_000);
            h.processElement2(new Video("v-1", "t", "news", 120_000), 50_000);
            h.processElement1(watch("v-1", 49_999), 49_999);
            h.processElement1(watch("v-1", 50_000), 50_000);
            h.processBothWatermarks(new Watermark(49_999));
            assertThat(h.extractOutputValues()).as("a watch is joined once the watermark has passed it").hasSize(1);
            h.processBothWatermarks(new Watermark(50_000));
            assertThat(h.extractOutputValues()).extracting(e -> e.category + " " + e.permille).containsExactly("comedy 500", "news 250");
        }
    }

    @Test
    void aWatchOfAnUnknownVideoWaitsThenGoesToTheDeadLettersWithItsRun() throws Exception {
        try (var h = harness()) {
            h.processElement1(watch("v-9", 10_000), 10_000);
            h.processBothWatermarks(new Watermark(10_000 + WAIT - 1));
            assertThat(deadLetters(h)).as("still waiting").isEmpty();
            h.processBothWatermarks(new Watermark(10_000 + WAIT));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h)).singleElement().satisfies(d -> {
                assertThat(d.reason).startsWith(RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-9");
                assertThat(d.record.headerKeys).containsExactly(Headers.RUN);
                assertThat(new String(d.record.headerValues[0], StandardCharsets.UTF_8)).isEqualTo("run-7");
                assertThat(d.record.timestamp).isEqualTo(10_000);
            });
            assertThat(h.numKeyedStateEntries()).as("nothing kept for the unknown video").isZero();
        }
    }

    @Test
    void aChangeReadAfterTheWatchesButBeforeTheWatermarkPassesThemStillCounts() throws Exception {
        try (var h = harness()) {
            h.processElement2(new Video("v-3", "t", "kids", 60_000), 1_000);
            h.processElement1(watch("v-3", 90_000), 90_000);
            h.processElement2(new Video("v-3", "t", "drama", 60_000), 80_000); // read late, the watermark still behind the watch
            h.processBothWatermarks(new Watermark(90_000));
            assertThat(h.extractOutputValues()).extracting(e -> e.category).containsExactly("drama");
        }
    }

    @Test
    void aWaitingWatchIsJoinedWhenItsVideoArrivesButNotByAVersionFromAfterIt() throws Exception {
        try (var h = harness()) {
            h.processElement1(watch("v-2", 10_000), 10_000);
            h.processElement1(watch("v-2", 20_000), 20_000);
            h.processBothWatermarks(new Watermark(25_000));
            h.processElement2(new Video("v-2", "t", "music", 300_000), 15_000);
            assertThat(h.extractOutputValues()).extracting(e -> e.ts + " " + e.category).containsExactly("20000 music");
            h.processBothWatermarks(new Watermark(10_000 + WAIT));
            assertThat(deadLetters(h)).as("the watch from before the video existed").hasSize(1);
        }
    }
}
