package io.streamplatform.common.events;

/** Either a valid {@link Event} or the reason the bytes are not one. Exactly one of the two is non-null. */
public final class ParseResult {
    private final Event event;
    private final String error;

    private ParseResult(Event event, String error) {
        this.event = event;
        this.error = error;
    }

    public static ParseResult ok(Event event) {
        return new ParseResult(event, null);
    }

    public static ParseResult error(String reason) {
        return new ParseResult(null, reason);
    }

    public boolean isValid() {
        return event != null;
    }

    public Event event() {
        return event;
    }

    /** Short machine-friendly reason, e.g. {@code not-json: ...}, {@code missing-field: ts}. */
    public String error() {
        return error;
    }
}
