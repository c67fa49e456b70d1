package io.streamplatform.job.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.clickstream.Click;
import io.streamplatform.common.clickstream.Session;
import io.streamplatform.job.core.Upsert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The job's session windows (the operator its topology builds: session windows, allowed lateness, {@link AddToSession},
 * {@link EmitSessions}) in Flink's keyed harness: late clicks rewrite a session under its key, a click that bridges two
 * sessions tombstones the later key, and a user's state is gone once the lateness has passed.
 */
class SessionsTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_764_583_200_000L;

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, Click, Upsert> harness() throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        var sessions = env.fromData(click(0)).keyBy(c -> c.user)
                .window(EventTimeSessionWindows.withGap(Duration.ofMinutes(5)))
                .allowedLateness(Duration.ofMinutes(10))
                .aggregate(new AddToSession(), new EmitSessions());
        var operator = (OneInputStreamOperator<Click, Upsert>) ((OneInputTransformation<Click, Upsert>) sessions.getTransformation()).getOperator();
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, (Click c) -> c.user, Types.STRING);
        h.open();
        return h;
    }

    private static Click click(long ts) {
        return new Click("u", "p-" + ts % 3, "books", Click.Action.VIEW, 100, ts);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Click, Upsert> h, long ts) throws Exception {
        h.processElement(new StreamRecord<>(click(ts), ts));
    }

    /** Each output as "key=views" (views of the session), or "key=tombstone". */
    private static List<String> written(KeyedOneInputStreamOperatorTestHarness<String, Click, Upsert> h) {
        List<String> out = h.extractOutputValues().stream()
                .map(u -> u.key + "=" + (u.value == null ? "tombstone" : Session.decode(u.value).views)).toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void lateClicksRewriteTheirSessionAndABridgeTombstonesTheSessionItJoins() throws Exception {
        try (var h = harness()) {
            send(h, T0);
            send(h, T0 + 7 * MINUTE); // more than the gap later: a second session
            h.processWatermark(new Watermark(T0 + 13 * MINUTE));
            assertThat(written(h)).containsExactlyInAnyOrder(Session.key("u", T0) + "=1", Session.key("u", T0 + 7 * MINUTE) + "=1");

            send(h, T0 + MINUTE); // late, within the lateness: the first session again, now with two clicks
            assertThat(written(h)).containsExactly(Session.key("u", T0) + "=2");

            send(h, T0 + 5 * MINUTE); // within the gap of both: one session from T0, the later key removed
            assertThat(written(h)).containsExactly(Session.key("u", T0 + 7 * MINUTE) + "=tombstone", Session.key("u", T0) + "=4");

            // Once the merged session's lateness has passed, nothing of the user is kept.
            h.processWatermark(new Watermark(T0 + 7 * MINUTE + 5 * MINUTE + 10 * MINUTE));
            assertThat(written(h)).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
