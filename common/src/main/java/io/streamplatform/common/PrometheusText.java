package io.streamplatform.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus' text exposition format (0.0.4), as the tests and tools that scrape an endpoint see it. */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private PrometheusText() {
    }

    /** One line {@code name{labels} value [timestamp]}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    /**
     * The samples of an exposition, in its order; comments and blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the first line that is not a sample
     */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(l);
            if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher lm = LABEL.matcher(m.group(2));
                while (lm.find()) labels.put(lm.group(1), lm.group(2));
            }
            samples.add(new Sample(m.group(1), labels, number(m.group(3))));
        }
        return List.copyOf(samples);
    }

    private static double number(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
