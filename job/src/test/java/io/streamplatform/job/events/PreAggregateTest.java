package io.streamplatform.job.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.events.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The pre-count before the key-by, run in Flink's operator test harness (the operator's real lifecycle). */
class PreAggregateTest {
    private static final long W = 10_000;

    private static OneInputStreamOperatorTestHarness<Event, Tally> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new PreAggregate(Duration.ofMillis(W)));
        h.open();
        return h;
    }

    private static Event event(String key, long ts) {
        return new Event("r", 0, key, ts, "t");
    }

    private static void send(OneInputStreamOperatorTestHarness<Event, Tally> h, String key, long ts) throws Exception {
        h.processElement(event(key, ts), ts);
    }

    /** "key@windowStart=count" for partial counts, "key@ts:event" for events passed on, "wm:ts" for watermarks. */
    private static List<String> drain(OneInputStreamOperatorTestHarness<Event, Tally> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add("wm:" + w.getTimestamp());
            } else {
                @SuppressWarnings("unchecked")
                StreamRecord<Tally> r = (StreamRecord<Tally>) o;
                Tally t = r.getValue();
                if (t.event != null) {
                    out.add(t.key + "@" + r.getTimestamp() + ":event");
                } else {
                    assertThat(r.getTimestamp()).as("a partial count is stamped with its window's last ms").isEqualTo(t.windowStart + W - 1);
                    out.add(t.key + "@" + t.windowStart + "=" + t.count);
                }
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void countsAreSentBeforeTheWatermarkThatClosesTheirWindow() throws Exception {
        try (var h = harness()) {
            send(h, "a", 1_000);
            send(h, "a", 2_000);
            send(h, "b", 3_000);
            send(h, "a", 12_000);
            assertThat(drain(h)).as("nothing is sent between watermarks").isEmpty();

            h.processWatermark(new Watermark(W - 1));
            List<String> out = drain(h);
            assertThat(out).containsExactlyInAnyOrder("a@0=2", "b@0=1", "a@10000=1", "wm:9999");
            assertThat(out.get(out.size() - 1)).as("the watermark comes after the counts").isEqualTo("wm:9999");
        }
    }

    @Test
    void anEventWhoseWindowHasEndedIsPassedOnAsItselfSoALateOneCanBeDeadLettered() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(W - 1));
            drain(h);
            send(h, "a", 500);      // window [0, 10 000) has ended at this watermark
            send(h, "a", W + 500);  // still open: counted
            assertThat(drain(h)).containsExactly("a@500:event");
            h.processWatermark(new Watermark(2 * W - 1));
            assertThat(drain(h)).containsExactly("a@10000=1", "wm:19999");
        }
    }

    @Test
    void nothingIsHeldAcrossACheckpoint() throws Exception {
        try (var h = harness()) {
            send(h, "a", 1_000);
            send(h, "a", 1_001);
            h.prepareSnapshotPreBarrier(1);
            assertThat(drain(h)).containsExactly("a@0=2");
            h.snapshot(1, 1);
            assertThat(drain(h)).isEmpty();
        }
    }

    @Test
    void manyKeysAreSentEarlyToBoundMemory() throws Exception {
        try (var h = harness()) {
            for (int k = 0; k < PreAggregate.MAX_PENDING; k++) send(h, "k" + k, 1_000);
            assertThat(drain(h)).as("sent once %s (key, window) counts are pending", PreAggregate.MAX_PENDING)
                    .hasSize(PreAggregate.MAX_PENDING);
            send(h, "k0", 1_000);
            assertThat(drain(h)).isEmpty();
            h.processWatermark(new Watermark(W - 1));
            assertThat(drain(h)).containsExactly("k0@0=1", "wm:9999");
        }
    }
}
