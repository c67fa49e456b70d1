package io.streamplatform.common.catalogue;

import java.io.IOException;
import java.util.Map;

/** Where the producer's records come from: a job's generator, or lines of a file. One thread uses it. */
public interface RecordGenerator {
    /** Prepares the next record in {@link #key()}/{@link #value()}; false at the end of the input. */
    boolean next() throws IOException;

    /** Record key of the current record, or null. */
    byte[] key();

    byte[] value();

    /** Kafka record timestamp of the current record (its event time), or null to let the producer stamp the send time. */
    default Long timestamp() {
        return null;
    }

    /**
     * Extra Kafka headers of the current record besides {@code run}: e.g. the ground truth a verifier checks
     * detections against (which injected anomaly the record belongs to). Real input has none.
     */
    default Map<String, byte[]> headers() {
        return Map.of();
    }

    /**
     * The input topic the current record goes to, by its {@link TopicRole#role()}: null for the job's first input
     * ({@link JobDefinition#inputs()}), the usual case. A job with several inputs (a stream and a catalogue, say) has
     * one generator whose records go to the topic of their role, so one timeline orders them all.
     */
    default String role() {
        return null;
    }

    /** True if the current record is valid input (the verifier expects it in the output, not in the dead letters). */
    boolean valid();
}
