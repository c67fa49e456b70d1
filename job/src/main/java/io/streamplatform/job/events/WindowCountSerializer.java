package io.streamplatform.job.events;

import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.WindowCount;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Window counts: key = event key, value = JSON, record timestamp = the window's last millisecond. */
final class WindowCountSerializer implements KafkaRecordSerializationSchema<WindowCount> {
    private final String topic;
    private transient EventCodec codec;

    WindowCountSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = new EventCodec();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(WindowCount w, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, w.end - 1, w.key.getBytes(StandardCharsets.UTF_8), codec.encode(w));
    }
}
