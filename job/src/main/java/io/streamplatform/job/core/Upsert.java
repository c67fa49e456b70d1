package io.streamplatform.job.core;

import java.nio.charset.StandardCharsets;

/**
 * One record of an upsert topic, encoded: the latest value under its key, or a tombstone ({@code value == null}) when
 * the key is gone. A reader that keeps the last value per key (a compacted topic does) holds the current result. A
 * Flink POJO.
 */
public final class Upsert {
    public String key;
    /** The encoded value; null for a tombstone. */
    public byte[] value;
    /** Kafka record timestamp: the event time the value describes. */
    public long timestamp;

    public Upsert() {}

    public Upsert(String key, byte[] value, long timestamp) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    /** Writes upserts as they are: key, value (null for a tombstone), timestamp. */
    public static final class Encoder implements RecordEncoder<Upsert> {
        @Override
        public byte[] key(Upsert u) {
            return u.key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Upsert u) {
            return u.value;
        }

        @Override
        public long timestamp(Upsert u) {
            return u.timestamp;
        }
    }
}
