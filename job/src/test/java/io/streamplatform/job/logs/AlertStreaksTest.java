package io.streamplatform.job.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.logs.ServiceWindow;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The alert rule over a service's windows, in Flink's keyed test harness (real keyed state, snapshot and restore). */
class AlertStreaksTest {
    static final long MINUTE = 60_000;

    static KeyedOneInputStreamOperatorTestHarness<String, ServiceWindow, Alert> harness() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AlertStreaks(0.05, Duration.ofSeconds(1), 3, 20), (ServiceWindow w) -> w.service, Types.STRING);
        h.open();
        return h;
    }

    /** Window {@code i} (a minute each) of service "pay": {@code requests} requests, {@code errors} of them 5xx, p99 {@code p99Ms}. */
    static ServiceWindow window(int i, long requests, long errors, double p99Ms) {
        ServiceWindow w = new ServiceWindow();
        w.service = "pay";
        w.start = i * MINUTE;
        w.end = w.start + MINUTE;
        w.requests = requests;
        w.status.c5xx = errors;
        w.status.c2xx = requests - errors;
        w.errorRate = (double) errors / requests;
        w.latencyMs.p99 = p99Ms;
        return w;
    }

    static Alert errorRate(long start) {
        return Alert.firing("error-rate", "pay", null, start, null);
    }

    @Test
    void firesOnTheThirdWindowAboveAndResolvesOnTheFirstBelowOncePerEpisode() throws Exception {
        try (var h = harness()) {
            h.processElement(window(0, 100, 1, 100), 0);
            h.processElement(window(1, 100, 10, 100), 0);
            h.processElement(window(2, 100, 30, 100), 0);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement(window(3, 100, 9, 100), 0);
            assertThat(h.extractOutputValues()).containsExactly(errorRate(MINUTE));
            h.processElement(window(4, 100, 40, 100), 0);
            assertThat(h.extractOutputValues()).as("one alert per episode, not one per window").hasSize(1);
            h.processElement(window(5, 100, 5, 100), 0); // exactly at the threshold is not above it
            assertThat(h.extractOutputValues()).containsExactly(errorRate(MINUTE), errorRate(MINUTE).resolved(5 * MINUTE, null));
        }
    }

    @Test
    void aWindowWithoutRequestsOrWithTooFewBreaksTheStreak() throws Exception {
        try (var h = harness()) {
            for (int i = 0; i < 3; i++) h.processElement(window(i, 100, 50, 100), 0);
            // No window 3 (no requests): the episode ends with window 2.
            h.processElement(window(4, 100, 50, 100), 0);
            h.processElement(window(5, 19, 19, 100), 0); // fewer than --min-requests: below
            h.processElement(window(6, 100, 50, 100), 0);
            h.processElement(window(7, 100, 50, 100), 0);
            assertThat(h.extractOutputValues()).containsExactly(errorRate(0), errorRate(0).resolved(3 * MINUTE, null));
        }
    }

    @Test
    void latencyHasItsOwnStreakAndTheStateSurvivesARestore() throws Exception {
        var snapshot = new org.apache.flink.runtime.checkpoint.OperatorSubtaskState[1];
        try (var h = harness()) {
            h.processElement(window(0, 100, 0, 1500), 0);
            h.processElement(window(1, 100, 0, 1500), 0);
            snapshot[0] = h.snapshot(1, 1);
        }
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertStreaks(0.05, Duration.ofSeconds(1), 3, 20)), (ServiceWindow w) -> w.service, Types.STRING)) {
            h.initializeState(snapshot[0]);
            h.open();
            h.processElement(window(2, 100, 0, 1500), 0);
            h.processElement(window(3, 100, 0, 1000), 0); // exactly 1 s is not above
            assertThat(h.extractOutputValues()).containsExactly(Alert.firing("latency", "pay", null, 0, null),
                    Alert.firing("latency", "pay", null, 0, null).resolved(3 * MINUTE, null));
        }
    }
}
