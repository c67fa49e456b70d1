package io.streamplatform.common.catalogue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Proves one run of a job from what a {@code read_committed} consumer reads of the job's topics, independently of
 * the job. Not thread-safe.
 */
public interface Verifier {
    /** The roles of the topics it reads (a subset of the job's {@link TopicRole}s). */
    List<String> roles();

    /** One record of the topic playing {@code role}, read at {@code consumedAtMs}; records of other runs are ignored. */
    void accept(String role, VerifiedRecord record, long consumedAtMs);

    /** Counts so far, in a stable order, for progress lines ({@code out=.. dlq=..}). */
    Map<String, Long> progress();

    /** True once everything expected has arrived: reading further cannot make a failing run pass. */
    boolean complete();

    /**
     * True once the output shows the job has processed all of the run's input: everything expected is out but what
     * waits for event time to pass (windows still open). Local mode then stops the job with a draining savepoint,
     * which brings the rest. A verifier that cannot tell says {@link #complete()}; local mode then waits until the
     * job's committed input offsets show it has caught up.
     */
    default boolean caughtUp() {
        return complete();
    }

    Verdict verdict();

    /**
     * True for a dead letter the job wrote because it came after its window had fired. Such records carry no
     * {@code run} header (the job re-encodes them), so a verifier counts them apart: a verified run has none.
     */
    static boolean isLate(VerifiedRecord deadLetter) {
        byte[] reason = deadLetter.header(io.streamplatform.common.Headers.DLQ_REASON);
        return reason != null && new String(reason, java.nio.charset.StandardCharsets.UTF_8).startsWith(io.streamplatform.common.Headers.LATE_REASON);
    }

    /**
     * A record as read: key, value, timestamp and headers.
     *
     * @param header the last value of a header by name, or null
     */
    record VerifiedRecord(byte[] key, byte[] value, long timestamp, Function<String, byte[]> header) {
        /** The last value of header {@code name}, or null. */
        public byte[] header(String name) {
            return header.apply(name);
        }
    }

    /**
     * The outcome: passed when there is no problem.
     *
     * @param problems what failed, one line; empty when passed
     * @param figures the machine-readable figures in a stable order ({@code key=value} on the VERIFY and RESULT lines), without the verdict
     * @param summary human-readable summary lines, each starting with two spaces
     */
    record Verdict(String problems, Map<String, String> figures, List<String> summary) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }
}
