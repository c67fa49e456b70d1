package io.streamplatform.common;

/** A string as a JSON string literal, for the formats written by hand (generators, hot-path encoders). */
public final class JsonText {
    private JsonText() {}

    /** Appends {@code s} quoted, with {@code "}, {@code \} and control characters escaped. */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"');
    }

    /** {@code s} quoted, as {@link #quote(StringBuilder, String)}. */
    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
