package io.streamplatform.common.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * The two timestamp forms of access logs, read to epoch milliseconds: NGINX/Apache's {@code $time_local}
 * ({@code 01/Dec/2026:10:00:07 +0100}) and an ISO-8601 instant ({@code 2026-12-01T10:00:07.123Z}). The usual shapes
 * are read by hand (java.time's formatter cost about a quarter of the job's time); anything else goes to java.time,
 * which decides. Thread-safe.
 */
final class LogTimestamps {
    /** Strict: 31/Feb is refused, not moved to the 28th. */
    private static final DateTimeFormatter TIME_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss Z", Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private LogTimestamps() {}

    /** {@code $time_local} → epoch ms. @throws DateTimeParseException when it is not one */
    static long timeLocal(String s) {
        // dd/MMM/yyyy:HH:mm:ss +hhmm
        if (s.length() == 26 && s.charAt(2) == '/' && s.charAt(6) == '/' && s.charAt(11) == ':' && s.charAt(14) == ':'
                && s.charAt(17) == ':' && s.charAt(20) == ' ' && (s.charAt(21) == '+' || s.charAt(21) == '-')) {
            int month = MONTHS.indexOf(s.substring(3, 6));
            int day = digits(s, 0, 2), year = digits(s, 7, 4), hour = digits(s, 12, 2), minute = digits(s, 15, 2), second = digits(s, 18, 2);
            int offH = digits(s, 22, 2), offM = digits(s, 24, 2);
            if (month >= 0 && month % 3 == 0 && (day | year | hour | minute | second | offH | offM) >= 0) {
                int offset = (s.charAt(21) == '-' ? -1 : 1) * (offH * 3600 + offM * 60);
                Long ms = epochMillis(year, month / 3 + 1, day, hour, minute, second, 0, offset, offH <= 18 && offM <= 59);
                if (ms != null) return ms;
            }
        }
        return OffsetDateTime.parse(s, TIME_LOCAL).toInstant().toEpochMilli();
    }

    /** An ISO-8601 instant → epoch ms. @throws DateTimeParseException when it is not one */
    static long instant(String s) {
        // yyyy-MM-ddTHH:mm:ss[.S{1,9}]Z
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':' && s.charAt(16) == ':'
                && s.charAt(n - 1) == 'Z' && (n == 20 || (s.charAt(19) == '.' && n >= 22 && n <= 30))) {
            int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
            int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
            int millis = 0;
            boolean fraction = true;
            for (int i = 20; i < n - 1; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) fraction = false;
                else if (i < 23) millis = millis * 10 + d;
            }
            for (int i = Math.min(n - 1, 23); i < 23 && n > 20; i++) millis *= 10;
            if (fraction && (year | month | day | hour | minute | second) >= 0) {
                Long ms = epochMillis(year, month, day, hour, minute, second, millis, 0, true);
                if (ms != null) return ms;
            }
        }
        return Instant.parse(s).toEpochMilli();
    }

    private static Long epochMillis(int year, int month, int day, int hour, int minute, int second, int millis, int offsetSeconds, boolean offsetOk) {
        if (!offsetOk || hour > 23 || minute > 59 || second > 59) return null;
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return ((days * 86_400 + hour * 3600L + minute * 60L + second) - offsetSeconds) * 1000 + millis;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, from+count)}, or -1 if a character is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
