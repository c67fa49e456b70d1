package io.streamplatform.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The platform's one duration syntax, for every command line and the values file: a whole number and a unit,
 * {@code 500ms}, {@code 10s}, {@code 2m} or {@code 2min}, {@code 1h}, {@code 1d}. A number without a unit is
 * rejected (is {@code 5} milliseconds or seconds?), except {@code 0}, which is the same in every unit. Every value
 * of this syntax is also a valid Flink duration, so a value can go into a Flink configuration as it is.
 */
public final class Durations {
    /** The syntax as a regular expression (the chart's values.schema.json uses the same). */
    public static final String PATTERN = "^(0|[0-9]+(ms|s|m|min|h|d))$";

    private static final Pattern SYNTAX = Pattern.compile(PATTERN);
    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private Durations() {}

    /** Parses {@code value}; throws {@link IllegalArgumentException} with a one-line message naming the problem. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        Matcher m = SYNTAX.matcher(v);
        if (!m.matches()) {
            if (BARE_NUMBER.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + v + "' has no unit: write " + v + "ms, " + v + "s, " + v + "m or " + v + "h");
            }
            throw new IllegalArgumentException("'" + v + "' is not a duration: write a whole number and a unit, e.g. 500ms, 10s, 2m, 1h");
        }
        if (m.group(2) == null) return Duration.ZERO;
        long n;
        try {
            n = Long.parseLong(v.substring(0, v.length() - m.group(2).length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is too large a duration");
        }
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalStateException(m.group(2));
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + v + "' is too large a duration");
        }
    }

    /** The shortest exact form in this syntax: {@code 0}, {@code 1500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }

    /** The syntax for picocli options: a bad value is a usage error naming the value. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
