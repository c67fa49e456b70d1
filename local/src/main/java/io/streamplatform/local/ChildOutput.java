package io.streamplatform.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the machine-readable lines of the producer and consumer apps: {@code progress k=v ...},
 * {@code SUMMARY k=v ...}, {@code VERIFY k=v ...}. Keeps the latest values; thread-safe.
 */
final class ChildOutput {
    private final Map<String, String> progress = new LinkedHashMap<>();
    private Map<String, String> finalLine;
    private long finalAtNanos;
    private final String finalPrefix;
    private String problems;
    private final List<String> summary = new ArrayList<>();

    ChildOutput(String finalPrefix) {
        this.finalPrefix = finalPrefix;
    }

    synchronized void accept(String line) {
        if (line.startsWith("progress ")) {
            progress.putAll(keyValues(line.substring("progress ".length())));
        } else if (line.startsWith(finalPrefix + " ")) {
            finalLine = keyValues(line.substring(finalPrefix.length() + 1));
            finalAtNanos = System.nanoTime();
        } else if (line.startsWith("problems: ")) {
            problems = line.substring("problems: ".length());
        } else if (line.startsWith("summary: ")) {
            summary.add(line.substring("summary: ".length()));
        }
    }

    synchronized boolean started() {
        return !progress.isEmpty() || finalLine != null;
    }

    synchronized long progress(String key) {
        return number(progress.get(key));
    }

    /** A {@code true|false} field of the latest progress line; false until it says true. */
    synchronized boolean progressFlag(String key) {
        return "true".equals(progress.get(key));
    }

    /** The latest progress figures, in the order the child printed them. */
    synchronized Map<String, String> progress() {
        return new LinkedHashMap<>(progress);
    }

    /** The final line's figures, without the run id and the verdict. */
    synchronized Map<String, String> figures() {
        Map<String, String> f = new LinkedHashMap<>(finalLine == null ? Map.of() : finalLine);
        f.remove("run");
        f.remove("verdict");
        return f;
    }

    /** The {@code summary: } lines the child printed after its final line. */
    synchronized List<String> summary() {
        return List.copyOf(summary);
    }

    synchronized Map<String, String> finalLine() {
        return finalLine;
    }

    /** {@link System#nanoTime()} when the final line arrived, 0 before. */
    synchronized long finalAtNanos() {
        return finalAtNanos;
    }

    synchronized long result(String key) {
        return finalLine == null ? 0 : number(finalLine.get(key));
    }

    synchronized String problems() {
        return problems;
    }

    static Map<String, String> keyValues(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : s.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    static long number(String v) {
        if (v == null) return 0;
        try {
            return Long.parseLong(v.replaceAll("[^0-9-].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
