package io.streamplatform.common.logs;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.catalogue.GroundTruth;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Proves a run of the logs job from scratch: reads the run's input back (read_committed), recomputes every service
 * window by sorting and counting — no incremental state, no Flink — and the alerts those windows must raise by walking
 * them in order, then compares both with what the job wrote, exactly. The alerts are also scored against the episodes
 * the generator injected (the {@code anomaly} header): precision and recall must be 1.0.
 */
final class LogsVerifier implements Verifier {
    private final LogsOptions options;
    private final RunFacts facts;
    private final byte[] run;
    private final LogParser parser;
    private final GroundTruth truth = new GroundTruth();
    private final Map<WindowKey, WindowInput> inputs = new HashMap<>();
    private final Map<WindowKey, ServiceWindow> written = new HashMap<>();
    private final List<Alert> alerts = new ArrayList<>();
    private long lines;
    private long malformedLines;
    private long foreign;
    private long duplicateWindows;
    private long notWindows;
    private long notAlerts;
    private long deadLetters;
    private long late;
    private Map<WindowKey, ServiceWindow> expectedWindows;
    private List<Alert> expectedAlerts;
    private boolean changed = true;
    private boolean complete;

    private record WindowKey(String service, long start) {}

    /** One service window's input, kept whole: every latency, every status, every failing path. */
    private static final class WindowInput {
        long[] latencies = new long[64];
        int n;
        final ServiceWindow.StatusClasses status = new ServiceWindow.StatusClasses();
        final Map<String, Long> errorPaths = new HashMap<>();

        void add(LogRecord r) {
            if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
            latencies[n++] = r.latencyMicros;
            status.add(r.status, 1);
            if (r.isError()) errorPaths.merge(r.path, 1L, Long::sum);
        }
    }

    LogsVerifier(LogsOptions options, RunFacts facts) {
        this.options = options;
        this.facts = facts;
        this.run = facts.run().getBytes(StandardCharsets.UTF_8);
        this.parser = new LogParser(options.maxRecordBytes);
    }

    @Override
    public List<String> roles() {
        return List.of(LogsDefinition.INPUT.role(), LogsDefinition.WINDOWS.role(), LogsDefinition.ALERTS.role(), LogsDefinition.DLQ.role());
    }

    @Override
    public void accept(String role, VerifiedRecord record, long consumedAtMs) {
        changed = true;
        switch (role) {
            case "input" -> {
                if (!Arrays.equals(run, record.header(Headers.RUN))) {
                    foreign++;
                    return;
                }
                lines++;
                LogRecord r = parser.parse(record.key(), record.value());
                if (r == null) {
                    malformedLines++;
                    return;
                }
                long window = options.window.toMillis();
                inputs.computeIfAbsent(new WindowKey(r.service, Math.floorDiv(r.ts, window) * window), k -> new WindowInput()).add(r);
                truth.accept(r.service, r.ts, record.header(Headers.ANOMALY));
            }
            case "windows" -> {
                try {
                    ServiceWindow w = ServiceWindow.decode(record.value());
                    if (written.putIfAbsent(new WindowKey(w.service, w.start), w) != null) duplicateWindows++;
                } catch (IllegalArgumentException e) {
                    notWindows++;
                }
            }
            case "alerts" -> {
                try {
                    alerts.add(Alert.decode(record.value()));
                } catch (IllegalArgumentException e) {
                    notAlerts++;
                }
            }
            case "dlq" -> {
                if (Arrays.equals(run, record.header(Headers.RUN))) deadLetters++;
                else if (Verifier.isLate(record)) late++;
            }
            default -> throw new IllegalArgumentException("role " + role);
        }
    }

    @Override
    public Map<String, Long> progress() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("lines", lines);
        p.put("windows", (long) written.size());
        p.put("alerts", (long) alerts.size());
        p.put("dlq", deadLetters);
        return p;
    }

    private boolean inputComplete() {
        return lines >= facts.valid() + facts.malformed();
    }

    @Override
    public boolean complete() {
        if (!changed) return complete;
        changed = false;
        if (!inputComplete()) return complete = false;
        expect();
        complete = deadLetters >= facts.malformed() && written.keySet().containsAll(expectedWindows.keySet())
                && alerts.size() >= expectedAlerts.size();
        return complete;
    }

    /** The expected output, computed once the whole input is in. */
    private void expect() {
        if (expectedWindows != null) return;
        expectedWindows = new HashMap<>();
        long window = options.window.toMillis();
        inputs.forEach((k, in) -> expectedWindows.put(k, summary(k, window, in)));
        expectedAlerts = new ArrayList<>();
        Map<String, List<ServiceWindow>> byService = expectedWindows.values().stream()
                .collect(Collectors.groupingBy(w -> w.service, TreeMap::new, Collectors.toList()));
        for (List<ServiceWindow> windows : byService.values()) {
            windows.sort(Comparator.comparingLong(w -> w.start));
            expectedAlerts.addAll(alerts(windows, LogsDefinition.ERROR_RATE));
            expectedAlerts.addAll(alerts(windows, LogsDefinition.LATENCY));
        }
    }

    /** The windows the input calls for (after {@link #complete()} saw the whole input); for tests. */
    Map<WindowKey, ServiceWindow> expectedWindows() {
        return expectedWindows;
    }

    /** The alerts those windows call for; for tests. */
    List<Alert> expectedAlerts() {
        return expectedAlerts;
    }

    private ServiceWindow summary(WindowKey k, long window, WindowInput in) {
        ServiceWindow w = new ServiceWindow();
        w.service = k.service;
        w.start = k.start;
        w.end = k.start + window;
        w.requests = in.n;
        w.status = in.status;
        w.errorRate = (double) in.status.c5xx / in.n;
        long[] sorted = Arrays.copyOf(in.latencies, in.n);
        Arrays.sort(sorted);
        w.latencyMs.p50 = ServiceWindow.millis(sorted[(int) ServiceWindow.rank(50, in.n)]);
        w.latencyMs.p95 = ServiceWindow.millis(sorted[(int) ServiceWindow.rank(95, in.n)]);
        w.latencyMs.p99 = ServiceWindow.millis(sorted[(int) ServiceWindow.rank(99, in.n)]);
        w.latencyMs.max = ServiceWindow.millis(sorted[in.n - 1]);
        w.topErrorPaths = in.errorPaths.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(options.topPaths)
                .map(e -> new ServiceWindow.PathErrors(e.getKey(), e.getValue()))
                .toList();
        return w;
    }

    /** The documented rule, window by window: N above in a row fire, one below (or a window without requests) resolves. */
    private List<Alert> alerts(List<ServiceWindow> windows, String kind) {
        List<Alert> out = new ArrayList<>();
        int streak = 0;
        long streakStart = 0, lastAboveEnd = 0;
        Alert firing = null;
        Long lastEnd = null;
        for (ServiceWindow w : windows) {
            boolean gap = lastEnd != null && w.start != lastEnd;
            boolean above = w.requests >= options.minRequests && (kind.equals(LogsDefinition.ERROR_RATE)
                    ? w.errorRate > options.errorRateThreshold
                    : w.latencyMs.p99 > options.latencyThreshold.toNanos() / 1e6);
            if (gap || !above) {
                if (firing != null) out.add(firing.resolved(lastAboveEnd, ""));
                firing = null;
                streak = 0;
            }
            if (above) {
                if (streak == 0) streakStart = w.start;
                streak++;
                lastAboveEnd = w.end;
                if (firing == null && streak >= options.alertWindows) {
                    firing = Alert.firing(kind, w.service, null, streakStart, "");
                    out.add(firing);
                }
            }
            lastEnd = w.end;
        }
        return out;
    }

    @Override
    public Verdict verdict() {
        List<String> problems = new ArrayList<>();
        if (foreign > 0) problems.add("the input topic holds " + foreign + " records of other runs (use fresh topics per verified run)");
        if (!inputComplete()) problems.add("read " + lines + " of " + (facts.valid() + facts.malformed()) + " input lines back");
        if (malformedLines != facts.malformed()) problems.add(malformedLines + " input lines do not parse, the producer sent " + facts.malformed() + " malformed");
        if (deadLetters != facts.malformed()) problems.add(deadLetters + " dead letters, expected " + facts.malformed());
        if (late > 0) problems.add(late + " lines dead-lettered as late");
        if (notWindows > 0) problems.add(notWindows + " records of the windows topic are not service windows");
        if (notAlerts > 0) problems.add(notAlerts + " records of the alerts topic are not alerts");
        if (inputComplete()) expect();
        Map<WindowKey, ServiceWindow> expected = expectedWindows == null ? Map.of() : expectedWindows;
        long missing = 0, wrong = 0;
        String firstWrong = null;
        for (var e : expected.entrySet()) {
            ServiceWindow got = written.get(e.getKey());
            if (got == null) missing++;
            else if (!got.equals(e.getValue())) {
                wrong++;
                if (firstWrong == null) firstWrong = "expected " + e.getValue() + ", got " + got;
            }
        }
        long unexpected = written.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        if (missing + wrong + unexpected + duplicateWindows > 0) {
            problems.add("service windows: " + missing + " missing, " + wrong + " wrong, " + unexpected + " unexpected, "
                    + duplicateWindows + " duplicated" + (firstWrong == null ? "" : " (first wrong: " + firstWrong + ")"));
        }
        List<Alert> expectedA = expectedAlerts == null ? List.of() : expectedAlerts;
        List<Alert> extra = new ArrayList<>(alerts);
        List<Alert> absent = new ArrayList<>();
        for (Alert a : expectedA) if (!extra.remove(a)) absent.add(a);
        if (!absent.isEmpty() || !extra.isEmpty()) {
            problems.add("alerts: " + absent.size() + " expected but missing " + first(absent) + ", " + extra.size()
                    + " not expected or doubled " + first(extra));
        }
        List<GroundTruth.Detected> detected = alerts.stream().filter(a -> !a.isFiring())
                .map(a -> new GroundTruth.Detected(a.subject, a.kind, a.start, a.end)).toList();
        GroundTruth.Score score = truth.score(detected, options.window.toMillis());
        if (!score.perfect()) problems.add(score.problem());

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("lines", Long.toString(lines));
        figures.put("dlq", Long.toString(deadLetters));
        figures.put("windows", Long.toString(written.size()));
        figures.put("windows_wrong", Long.toString(missing + wrong + unexpected + duplicateWindows));
        figures.put("alerts", Long.toString(alerts.size()));
        figures.put("episodes", Integer.toString(truth.episodes().size()));
        figures.put("detected", Integer.toString(detected.size()));
        score.addFigures(figures);
        List<String> summary = new ArrayList<>();
        summary.add(String.format("  input         %,d lines of %,d services, %,d malformed", lines,
                inputs.keySet().stream().map(WindowKey::service).distinct().count(), malformedLines));
        summary.add(String.format("  windows       %,d service windows checked against a recomputation: %,d missing, %,d wrong, %,d unexpected",
                expected.size(), missing, wrong, unexpected));
        summary.add("  alerts        " + describe(detected));
        summary.add(String.format("  injected      %d episodes (error bursts, latency spikes): precision %.3f, recall %.3f",
                truth.episodes().size(), score.precision(), score.recall()));
        summary.add(String.format("  dead letters  %,d (expected %,d)", deadLetters, facts.malformed()));
        return new Verdict(String.join("; ", problems), figures, summary);
    }

    private static String describe(List<GroundTruth.Detected> detected) {
        if (detected.isEmpty()) return "none";
        Map<String, List<String>> byKind = new TreeMap<>();
        for (GroundTruth.Detected d : detected) byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d.key());
        return byKind.entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (each fired and resolved)";
    }

    private static String first(List<?> items) {
        return items.isEmpty() ? "[]" : items.stream().limit(3).map(Object::toString).collect(Collectors.joining(", ", "[", items.size() > 3 ? ", ...]" : "]"));
    }
}
