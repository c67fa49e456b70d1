package io.streamplatform.clients;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses durations like {@code 0}, {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}; a bare number is seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) throw new TypeConversionException("empty duration");
        if (v.startsWith("pt") || v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
            }
        }
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
        String number = v.substring(0, i);
        String unit = v.substring(i).trim();
        double n;
        try {
            n = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
        }
        double millis = switch (unit) {
            case "ms" -> n;
            case "", "s", "sec" -> n * 1_000;
            case "m", "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> throw new TypeConversionException("'" + value + "' has an unknown unit '" + unit + "' (use ms, s, m or h)");
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
