package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
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
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = new EventCodec();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Event e, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, e.ts, e.key.getBytes(StandardCharsets.UTF_8), codec.encode(e));
    }
}
