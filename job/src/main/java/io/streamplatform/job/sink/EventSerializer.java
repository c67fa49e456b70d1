package io.streamplatform.job.sink;

import io.streamplatform.common.Event;
import io.streamplatform.common.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Normalised events: key = event key, value = JSON (the event's own when it has it), record timestamp = event time. */
final class EventSerializer implements KafkaRecordSerializationSchema<Event> {
    private final String topic;
    private transient EventCodec codec;

    EventSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Event e, KafkaSinkContext context, Long timestamp) {
        if (codec == null) codec = new EventCodec();
        return new ProducerRecord<>(topic, null, e.ts, e.key.getBytes(StandardCharsets.UTF_8), e.json != null ? e.json : codec.encode(e));
    }
}
