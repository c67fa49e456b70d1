package io.streamplatform.common.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anomaly episodes a generator injected, as its records tell them (the {@code anomaly} header: episode number and
 * the kinds of detection it must cause), and how a job's detections score against them. A verifier reads the header
 * off the input it reads back, so it knows what was injected without trusting the job or re-running the generator.
 *
 * <p>An injected episode spans its records' event times; a detection matches it when it has the same key and kind and
 * the two time spans overlap (give or take {@code slackMs}). Each detection matches at most one expected one and the
 * other way round, so a doubled alert is a false positive, not a second hit.
 */
public final class GroundTruth {
    private final Map<Long, Injected> episodes = new LinkedHashMap<>();

    /** One injected episode: its records' key, the detections it must cause, and its records' first and last event time. */
    public record Injected(long id, String key, List<String> kinds, long start, long end) {}

    /** One episode as the job reported it. */
    public record Detected(String key, String kind, long start, long end) {
        @Override
        public String toString() {
            return kind + " " + key + " " + start + ".." + end;
        }
    }

    /**
     * @param missed expected detections nothing matched ({@code kind key start..end})
     * @param spurious detections that match no injected episode
     */
    public record Score(int expected, int detected, int matched, List<String> missed, List<String> spurious) {
        /** Matched detections over all detections; 1.0 when there are none. */
        public double precision() {
            return detected == 0 ? 1.0 : (double) matched / detected;
        }

        /** Matched expected detections over all expected; 1.0 when none were expected. */
        public double recall() {
            return expected == 0 ? 1.0 : (double) matched / expected;
        }

        public boolean perfect() {
            return matched == expected && matched == detected;
        }

        /** A failed score as one problem line: precision, recall and the first few missed and spurious detections. */
        public String problem() {
            return String.format(java.util.Locale.ROOT, "detection precision %.3f recall %.3f: missed %d %s, spurious %d %s",
                    precision(), recall(), missed.size(), first(missed), spurious.size(), first(spurious));
        }

        private static String first(List<String> items) {
            return items.isEmpty() ? "" : "(" + String.join("; ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? "; ..." : "") + ")";
        }

        /** Precision and recall as verifiers print them ({@code precision=1.000 recall=1.000}). */
        public void addFigures(java.util.Map<String, String> figures) {
            figures.put("precision", String.format(java.util.Locale.ROOT, "%.3f", precision()));
            figures.put("recall", String.format(java.util.Locale.ROOT, "%.3f", recall()));
        }
    }

    /** The header value a generator puts on each record of episode {@code id}. */
    public static byte[] header(long id, List<String> kinds) {
        return (id + " " + String.join(",", kinds)).getBytes(StandardCharsets.UTF_8);
    }

    /** Notes one input record: its key, event time and {@code anomaly} header (null when it belongs to no episode). */
    public void accept(String key, long eventTime, byte[] header) {
        if (header == null) return;
        String h = new String(header, StandardCharsets.UTF_8);
        int space = h.indexOf(' ');
        if (space < 1) throw new IllegalArgumentException("bad anomaly header '" + h + "'");
        long id = Long.parseLong(h.substring(0, space));
        List<String> kinds = List.of(h.substring(space + 1).split(","));
        episodes.merge(id, new Injected(id, key, kinds, eventTime, eventTime),
                (a, b) -> new Injected(id, a.key, a.kinds, Math.min(a.start, b.start), Math.max(a.end, b.end)));
    }

    public List<Injected> episodes() {
        return List.copyOf(episodes.values());
    }

    /** Scores {@code detected} against the injected episodes. */
    public Score score(List<Detected> detected, long slackMs) {
        record Expected(Injected episode, String kind) {}
        List<Expected> expected = new ArrayList<>();
        for (Injected e : episodes.values()) for (String k : e.kinds) expected.add(new Expected(e, k));
        boolean[] hit = new boolean[expected.size()];
        List<String> spurious = new ArrayList<>();
        int matched = 0;
        List<Detected> sorted = new ArrayList<>(detected);
        sorted.sort(Comparator.comparingLong(Detected::start));
        for (Detected d : sorted) {
            int found = -1;
            for (int i = 0; i < expected.size() && found < 0; i++) {
                Expected x = expected.get(i);
                if (!hit[i] && x.kind.equals(d.kind) && x.episode.key.equals(d.key)
                        && d.start <= x.episode.end + slackMs && d.end >= x.episode.start - slackMs) {
                    found = i;
                }
            }
            if (found >= 0) {
                hit[found] = true;
                matched++;
            } else {
                spurious.add(d.toString());
            }
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Expected x = expected.get(i);
            if (!hit[i]) missed.add(x.kind + " " + x.episode.key + " " + x.episode.start + ".." + x.episode.end);
        }
        return new Score(expected.size(), detected.size(), matched, missed, spurious);
    }
}
