package io.streamplatform.job.core;

import io.streamplatform.common.Headers;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Dead letters keep the original key, value, timestamp and headers byte for byte, and add the reason and
 * the source coordinates as headers.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        return record(topic, d);
    }

    /** The dead letter as written to {@code topic}: also what a job on another runtime writes. */
    public static ProducerRecord<byte[], byte[]> record(String topic, DeadLetter d) {
        KafkaRecord r = d.record;
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < r.headerKeys.length; i++) headers.add(r.headerKeys[i], r.headerValues[i]);
        headers.add(Headers.DLQ_REASON, utf8(d.reason));
        headers.add(Headers.DLQ_TOPIC, utf8(r.topic));
        headers.add(Headers.DLQ_PARTITION, utf8(Integer.toString(r.partition)));
        headers.add(Headers.DLQ_OFFSET, utf8(Long.toString(r.offset)));
        Long ts = r.timestamp >= 0 ? r.timestamp : null;
        return new ProducerRecord<>(topic, null, ts, r.key, r.value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
