package io.streamplatform.common.events;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Proves one producer run went through the pipeline exactly once.
 *
 * <p>Feed it what a read_committed consumer sees for the run; it checks that every valid event
 * {@code seq 0..expectedValid-1} appears exactly once in the normalised output (no gap, no duplicate),
 * that the expected number of malformed records reached the dead-letter topic, and that every emitted
 * window count equals the number of the run's events with that key whose event time falls in the window.
 * It also records end-to-end latency (consume time minus event time). Not thread-safe.
 */
public final class RunVerifier {
    private final String run;
    private final long expectedValid;
    private final long expectedMalformed;
    private final long windowMs;

    private final BitSet seen = new BitSet();
    private long distinct;
    private long duplicates;
    private long unexpected;
    private long deadLetters;
    private final Histogram latency = new Histogram(3); // auto-resizing: replays of old events have huge latencies
    /** key → window start → number of distinct events of this run in that window. */
    private final Map<String, Map<Long, Long>> expectedWindows = new HashMap<>();
    /** key → window start → count the job emitted. */
    private final Map<String, Map<Long, Long>> emittedWindows = new HashMap<>();
    private long windowDuplicates;
    private long windowRecords;

    /**
     * @param windowMs the job's tumbling window size in ms, or 0 to skip the window checks
     */
    public RunVerifier(String run, long expectedValid, long expectedMalformed, long windowMs) {
        if (expectedValid < 0 || expectedMalformed < 0 || windowMs < 0) {
            throw new IllegalArgumentException("expected counts and window size must be >= 0");
        }
        this.run = run;
        this.expectedValid = expectedValid;
        this.expectedMalformed = expectedMalformed;
        this.windowMs = windowMs;
    }

    public String run() {
        return run;
    }

    /** A normalised event read from the output topic; events of other runs are ignored. */
    public void onNormalized(Event e, long consumedAtMs) {
        if (!run.equals(e.run)) return;
        if (e.seq < 0 || e.seq >= expectedValid) {
            unexpected++;
            return;
        }
        int seq = Math.toIntExact(e.seq);
        if (seen.get(seq)) {
            duplicates++;
            return;
        }
        seen.set(seq);
        distinct++;
        latency.recordValue(Math.max(0, consumedAtMs - e.ts));
        if (windowMs > 0) {
            long start = e.ts - Math.floorMod(e.ts, windowMs);
            expectedWindows.computeIfAbsent(e.key, k -> new HashMap<>()).merge(start, 1L, Long::sum);
        }
    }

    /** A dead-letter record whose run header names this run. */
    public void onDeadLetter() {
        deadLetters++;
    }

    /** A window count read from the analytics topic. */
    public void onWindow(WindowCount w) {
        if (windowMs == 0) return;
        windowRecords++;
        Long previous = emittedWindows.computeIfAbsent(w.key, k -> new HashMap<>()).put(w.start, w.count);
        if (previous != null) windowDuplicates++;
    }

    /** True once every valid event is out and every malformed one dead-lettered: only window counts can still be missing. */
    public boolean allEventsOut() {
        return distinct >= expectedValid && deadLetters >= expectedMalformed;
    }

    /** True once everything expected has arrived (or more): reading further cannot make a failing run pass. */
    public boolean complete() {
        if (!allEventsOut()) return false;
        if (windowMs == 0) return true;
        for (var byKey : expectedWindows.entrySet()) {
            Map<Long, Long> emitted = emittedWindows.getOrDefault(byKey.getKey(), Map.of());
            if (!emitted.keySet().containsAll(byKey.getValue().keySet())) return false;
        }
        return true;
    }

    public long distinct() {
        return distinct;
    }

    public long deadLetters() {
        return deadLetters;
    }

    /** Window-count records read so far (all of them, matching or not). */
    public long windowRecords() {
        return windowRecords;
    }

    public VerificationReport report() {
        long windowsMissing = 0, windowsChecked = 0, mismatches = 0, windowSum = 0;
        for (var byKey : expectedWindows.entrySet()) {
            Map<Long, Long> expected = byKey.getValue();
            Map<Long, Long> emitted = emittedWindows.getOrDefault(byKey.getKey(), Map.of());
            for (var window : expected.entrySet()) {
                Long got = emitted.get(window.getKey());
                if (got == null) {
                    windowsMissing++;
                    continue;
                }
                windowsChecked++;
                windowSum += got;
                if (got.longValue() != window.getValue().longValue()) mismatches++;
            }
        }
        return new VerificationReport(
                run,
                expectedValid,
                expectedMalformed,
                distinct,
                expectedValid - distinct,
                duplicates,
                unexpected,
                deadLetters,
                windowMs > 0,
                windowRecords,
                windowsChecked,
                windowsMissing,
                mismatches,
                windowDuplicates,
                windowSum,
                latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(50),
                latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99),
                latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99.9),
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue());
    }
}
