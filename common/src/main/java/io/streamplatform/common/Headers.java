package io.streamplatform.common;

/** Kafka record header names the platform reads and writes. */
public final class Headers {
    /** Set by the producer on every record, valid or not, so a verifier can count a run's dead letters. */
    public static final String RUN = "run";
    /**
     * Ground truth on generated input: the anomaly episode a record belongs to and the detections it must cause,
     * {@code "<episode> <kind>[,<kind>...]"} (see {@link io.streamplatform.common.catalogue.GroundTruth}). Jobs ignore it.
     */
    public static final String ANOMALY = "anomaly";
    /**
     * Ground truth on generated input: the record comes so far behind the rest of the input that the job must send it
     * to the dead letters as late rather than count it (value: how far behind, e.g. {@code 1d}). Jobs ignore it.
     */
    public static final String TOO_LATE = "too-late";
    /** Why the job sent a record to the dead-letter topic. */
    public static final String DLQ_REASON = "dlq.reason";
    public static final String DLQ_TOPIC = "dlq.topic";
    /** How the reason ({@link #DLQ_REASON}) of a record dead-lettered for arriving after its window fired begins. */
    public static final String LATE_REASON = "late: ";
    public static final String DLQ_PARTITION = "dlq.partition";
    public static final String DLQ_OFFSET = "dlq.offset";

    private Headers() {}
}
