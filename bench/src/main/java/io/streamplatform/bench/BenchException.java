package io.streamplatform.bench;

/** The benchmark could not be run (or a scenario lost records); the message says what and where to look. */
public final class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
