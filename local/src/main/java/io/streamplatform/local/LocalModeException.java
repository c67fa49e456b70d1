package io.streamplatform.local;

/** A failure of local mode with a message meant for the user; printed as one line, no stack trace. */
public class LocalModeException extends RuntimeException {
    public LocalModeException(String message) {
        super(message);
    }

    public LocalModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
