package io.streamplatform.job.source;

/**
 * A Kafka record as read, before parsing: the bytes plus where it came from, so a malformed one can be
 * dead-lettered with its original key, value, headers and coordinates. A Flink POJO.
 */
public final class KafkaRecord {
    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public String[] headerKeys;
    public byte[][] headerValues;

    public KafkaRecord() {}
}
