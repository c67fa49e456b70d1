package io.streamplatform.k8s.model;

/** Error messages as the CLI prints them. */
public final class Messages {
    private Messages() {}

    /** A possibly multi-line message on one line (line breaks and the whitespace around them become one space). */
    public static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
