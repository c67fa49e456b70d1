package io.streamplatform.local;

/** A fault the run did not survive: a FAIL verdict, not a run that could not be done. */
final class ChaosFailure extends RuntimeException {
    ChaosFailure(String message) {
        super(message);
    }
}
