package io.streamplatform.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import io.streamplatform.common.catalogue.Verifier.VerifiedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LogsVerifierTest {
    private static final LogsDefinition LOGS = new LogsDefinition();
    private static final long T0 = 1_764_583_200_000L; // a minute boundary

    private static VerifiedRecord record(String key, byte[] value, Map<String, byte[]> headers) {
        return new VerifiedRecord(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, 0, headers::get);
    }

    private static VerifiedRecord input(String run, String line, byte[] anomaly) {
        Map<String, byte[]> h = new HashMap<>();
        h.put(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
        if (anomaly != null) h.put(Headers.ANOMALY, anomaly);
        return record(null, line.getBytes(StandardCharsets.UTF_8), h);
    }

    private static String json(long ts, String service, int status, double latencyMs, String path) {
        return "{\"ts\":" + ts + ",\"service\":\"" + service + "\",\"status\":" + status + ",\"latency_ms\":" + latencyMs + ",\"path\":\"" + path + "\"}";
    }

    @Test
    void recomputesAWindowByHandWithNearestRankPercentiles() {
        Verifier v = LOGS.verifierFor(LOGS.parse("--top-paths", "2"), new RunFacts("r", 100, 0));
        for (int i = 1; i <= 100; i++) {
            int status = i % 20 == 0 ? 500 : 200; // 5 errors
            String path = i % 40 == 0 ? "/b" : "/a"; // /b for 40 and 80 (errors), /a for 20, 60, 100
            v.accept("input", input("r", json(T0 + i, "svc", status, i, path), null), 0);
        }
        ServiceWindow w = ServiceWindow.decode(("{\"service\":\"svc\",\"start\":" + T0 + ",\"end\":" + (T0 + 60_000) + ",\"requests\":100,"
                + "\"status\":{\"1xx\":0,\"2xx\":95,\"3xx\":0,\"4xx\":0,\"5xx\":5},\"error_rate\":0.05,"
                + "\"latency_ms\":{\"p50\":50.0,\"p95\":95.0,\"p99\":99.0,\"max\":100.0},"
                + "\"top_error_paths\":[{\"path\":\"/a\",\"errors\":3},{\"path\":\"/b\",\"errors\":2}]}").getBytes(StandardCharsets.UTF_8));
        v.accept("windows", record("svc", w.encode(), Map.of()), 0);
        assertThat(v.complete()).isTrue();
        assertThat(v.verdict().problems()).isEmpty();

        Verifier wrong = LOGS.verifierFor(LOGS.parse("--top-paths", "2"), new RunFacts("r", 100, 0));
        for (int i = 1; i <= 100; i++) wrong.accept("input", input("r", json(T0 + i, "svc", i % 20 == 0 ? 500 : 200, i, i % 40 == 0 ? "/b" : "/a"), null), 0);
        w.latencyMs.p99 = 100.0;
        wrong.accept("windows", record("svc", w.encode(), Map.of()), 0);
        assertThat(wrong.verdict().problems()).contains("service windows: 0 missing, 1 wrong");
    }

    /** A generated run, the output the verifier expects fed back as if the job wrote it, then one fault at a time. */
    private static final class Run {
        final String run = "gen";
        final List<VerifiedRecord> inputs = new ArrayList<>();
        final List<VerifiedRecord> windows = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        long malformed;

        Run(long records) throws Exception {
            LogsGenerator g = new LogsGenerator(new GeneratorSettings(run, 12, 0, 0.01, 3, records));
            LogsVerifier reference = new LogsVerifier(LOGS.parse(), new RunFacts(run, 0, 0));
            for (long i = 0; i < records; i++) {
                g.next();
                if (!g.valid()) malformed++;
                Map<String, byte[]> h = new HashMap<>(g.headers());
                h.put(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
                VerifiedRecord r = new VerifiedRecord(g.key(), g.value(), g.timestamp(), h::get);
                inputs.add(r);
                reference.accept("input", r, 0);
            }
            reference.complete();
            for (ServiceWindow w : reference.expectedWindows().values()) windows.add(record(w.service, w.encode(), Map.of()));
            alerts.addAll(reference.expectedAlerts());
        }

        Verifier.Verdict verify(Consumer<Run> fault) {
            return verify(fault, v -> {});
        }

        /** {@code more} reads further records after the run's own. */
        Verifier.Verdict verify(Consumer<Run> fault, Consumer<LogsVerifier> more) {
            fault.accept(this);
            LogsVerifier v = new LogsVerifier(LOGS.parse(), new RunFacts(run, inputs.size() - malformed, malformed));
            inputs.forEach(r -> v.accept("input", r, 0));
            windows.forEach(r -> v.accept("windows", r, 0));
            alerts.forEach(a -> v.accept("alerts", record(a.subject, a.encode(), Map.of()), 0));
            for (long i = 0; i < malformed; i++) v.accept("dlq", record(null, new byte[0], Map.of(Headers.RUN, run.getBytes(StandardCharsets.UTF_8))), 0);
            more.accept(v);
            return v.verdict();
        }
    }

    @Test
    void theGeneratedEpisodesAreExactlyWhatTheRulesDetectAndEveryFaultFailsTheRun() throws Exception {
        Run clean = new Run(100_000);
        Verifier.Verdict passed = clean.verify(r -> {});
        assertThat(passed.problems()).isEmpty();
        assertThat(passed.figures()).containsEntry("precision", "1.000").containsEntry("recall", "1.000");
        assertThat(Long.parseLong(passed.figures().get("episodes"))).isGreaterThanOrEqualTo(3);
        assertThat(clean.alerts).extracting(a -> a.kind).contains(LogsDefinition.ERROR_RATE, LogsDefinition.LATENCY);

        assertThat(new Run(100_000).verify(r -> r.alerts.removeIf(a -> !a.isFiring() && a.kind.equals(LogsDefinition.LATENCY))).problems())
                .contains("alerts:", "recall 0.");
        assertThat(new Run(100_000).verify(r -> r.alerts.add(r.alerts.get(0))).problems()).contains("1 not expected or doubled");
        assertThat(new Run(100_000).verify(r -> r.windows.add(r.windows.get(0))).problems()).contains("1 duplicated");
        assertThat(new Run(100_000).verify(r -> r.windows.remove(0)).problems()).contains("1 missing");
        assertThat(new Run(100_000).verify(r -> r.inputs.add(input("other-run", json(T0, "x", 200, 1, "/"), null))).problems())
                .contains("1 records of other runs");
        assertThat(new Run(100_000).verify(r -> {}, v -> v.accept("dlq", record("svc", new byte[0],
                Map.of(Headers.DLQ_REASON, (Headers.LATE_REASON + "behind the watermark").getBytes(StandardCharsets.UTF_8))), 0)).problems())
                .contains("1 lines dead-lettered as late");
        Alert invented = Alert.firing(LogsDefinition.ERROR_RATE, "checkout", null, T0, "");
        assertThat(new Run(100_000).verify(r -> r.alerts.add(invented.resolved(T0 + 60_000, ""))).problems()).contains("precision 0.");
    }

    @Test
    void recomputesTheAlertRuleWithAWindowWithoutRequestsEndingTheEpisode() {
        LogsVerifier v = new LogsVerifier(LOGS.parse(), new RunFacts("r", 5 * 40, 0));
        for (int window : new int[] {0, 1, 2, 4, 5}) { // none in window 3
            for (int i = 0; i < 40; i++) v.accept("input", input("r", json(T0 + window * 60_000L + i, "svc", i % 2 == 0 ? 503 : 200, 5, "/p"), null), 0);
        }
        v.complete();
        Alert firing = Alert.firing(LogsDefinition.ERROR_RATE, "svc", null, T0, "");
        assertThat(v.expectedAlerts()).as("three windows above fire; the missing window resolves; two more are not enough again")
                .containsExactly(firing, firing.resolved(T0 + 3 * 60_000L, ""));
    }

    @Test
    void groundTruthHeadersNameTheEpisode() {
        assertThat(new String(GroundTruth.header(4, List.of("latency")), StandardCharsets.UTF_8)).isEqualTo("4 latency");
    }
}
