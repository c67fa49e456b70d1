package io.streamplatform.job.core;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes records to one topic with a {@link RecordEncoder}. */
final class EncodingSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private final String topic;
    private final RecordEncoder<T> encoder;

    EncodingSerializer(String topic, RecordEncoder<T> encoder) {
        this.topic = topic;
        this.encoder = encoder;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, encoder.timestamp(record), encoder.key(record), encoder.value(record));
    }
}
