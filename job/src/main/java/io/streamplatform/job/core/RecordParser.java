package io.streamplatform.job.core;

/**
 * Turns a record's value into a job's input type, or says why it cannot. One instance per source subtask, made
 * when the source opens; not thread-safe.
 */
public interface RecordParser<T> {
    /** The parsed record, or null when {@code value} is malformed (then {@link #error()} says why). */
    T parse(byte[] value);

    /** The parsed record from its key and value; formats that take something from the key (a service name) override this. */
    default T parse(byte[] key, byte[] value) {
        return parse(value);
    }

    /**
     * The parsed record from the whole Kafka record, as the source reads it; formats that need a header (the run a
     * record belongs to) override this. By default {@link #parse(byte[], byte[])} of its key and value.
     */
    default T parse(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record) {
        return parse(record.key(), record.value());
    }

    /** Why the last {@link #parse} returned null: a short reason starting with a stable category ({@code not-json: ...}). */
    String error();
}
