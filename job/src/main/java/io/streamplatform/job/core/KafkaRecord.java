package io.streamplatform.job.core;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A Kafka record as read: the bytes plus where it came from, so a malformed one can be dead-lettered with its
 * original key, value, headers and coordinates. A Flink POJO.
 */
public final class KafkaRecord {
    private static final String[] NO_KEYS = new String[0];
    private static final byte[][] NO_VALUES = new byte[0][];

    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public String[] headerKeys;
    public byte[][] headerValues;

    public KafkaRecord() {}

    /** A copy of everything the consumer read (header keys decoded; values as they are). */
    public static KafkaRecord of(ConsumerRecord<byte[], byte[]> record) {
        KafkaRecord r = new KafkaRecord();
        r.key = record.key();
        r.value = record.value();
        r.topic = record.topic();
        r.partition = record.partition();
        r.offset = record.offset();
        r.timestamp = record.timestamp();
        Header[] headers = record.headers().toArray();
        r.headerKeys = headers.length == 0 ? NO_KEYS : new String[headers.length];
        r.headerValues = headers.length == 0 ? NO_VALUES : new byte[headers.length][];
        for (int i = 0; i < headers.length; i++) {
            r.headerKeys[i] = headers[i].key();
            r.headerValues[i] = headers[i].value();
        }
        return r;
    }
}
