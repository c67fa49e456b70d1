package io.streamplatform.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.LongConsumer;

/**
 * What the strict JSON record parsers (grid readings, clicks) share: the reasons they give for a field that is not what
 * it must be, in one wording, and the one reading of a {@code ts} field.
 */
public final class JsonFields {
    private JsonFields() {}

    /** {@code wrong-type: <name> is <what it is>, expected <expected>}. */
    public static String wrongType(String name, JsonToken v, String expected) {
        return "wrong-type: " + name + " is " + describe(v) + ", expected " + expected;
    }

    /** A JSON value's kind in words: "a string", "a number", "null", ... */
    public static String describe(JsonToken v) {
        return switch (v) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> v.toString();
        };
    }

    /** {@code s}, cut to 64 characters for a reason line. */
    public static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    /** A non-empty string field's text, or null when it is not one. */
    public static String text(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_STRING) return null;
        String s = p.getText();
        return s.isBlank() ? null : s;
    }

    /**
     * Reads the current value as a {@code ts}: epoch milliseconds or an ISO-8601 instant, not before 1970. Gives it to
     * {@code set} and returns null, or returns the {@code bad-timestamp: ...} reason.
     */
    public static String timestamp(JsonParser p, JsonToken v, LongConsumer set) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
                return "bad-timestamp: " + abbreviate(p.getText()) + " is out of range";
            }
            long ms = p.getLongValue();
            if (ms < 0) return "bad-timestamp: " + ms + " is before 1970";
            set.accept(ms);
            return null;
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                long ms = Instant.parse(p.getText()).toEpochMilli();
                if (ms < 0) return "bad-timestamp: " + p.getText() + " is before 1970";
                set.accept(ms);
                return null;
            } catch (DateTimeParseException | ArithmeticException e) {
                return "bad-timestamp: '" + abbreviate(p.getText()) + "' is not an ISO-8601 instant";
            }
        }
        return "bad-timestamp: ts is " + describe(v) + ", expected an ISO-8601 instant or epoch milliseconds";
    }
}
