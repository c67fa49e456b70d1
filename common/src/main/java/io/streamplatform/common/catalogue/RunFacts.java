package io.streamplatform.common.catalogue;

/** What one producer run sent, as a verifier needs it: its id and how many valid and malformed records. */
public record RunFacts(String run, long valid, long malformed) {
    public RunFacts {
        if (valid < 0 || malformed < 0) throw new IllegalArgumentException("record counts must be >= 0");
    }
}
