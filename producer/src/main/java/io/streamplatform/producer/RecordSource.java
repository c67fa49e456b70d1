package io.streamplatform.producer;

import java.io.IOException;

/** Where the records come from: the generator or input lines. Used by one thread. */
interface RecordSource {
    /** Prepares the next record in {@link #key()}/{@link #value()}; false at the end of the input. */
    boolean next() throws IOException;

    /** Record key of the current record, or null. */
    byte[] key();

    byte[] value();

    /** Kafka record timestamp of the current record, or null to let the producer stamp the send time. */
    default Long timestamp() {
        return null;
    }

    /** True if the current record is a valid event (it then consumed a seq). */
    boolean valid();
}
