package io.streamplatform.job.core;

/** A record the job could not use, with the reason; written to the dead-letter topic as it came in. */
public final class DeadLetter {
    public KafkaRecord record;
    public String reason;

    public DeadLetter() {}

    public DeadLetter(KafkaRecord record, String reason) {
        this.record = record;
        this.reason = reason;
    }
}
