package io.streamplatform.bench;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.job.core.KafkaRecord;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Flink without the job's work: the job's Kafka source and sink (same settings, watermarks, delivery guarantee,
 * checkpointing) passing key, value and timestamp through as bytes, like the plain copy. Measured beside the
 * copy and the job, it separates what Flink and its Kafka connector cost from what the job's own per-record
 * work (parse, validate, normalise, encode) costs.
 */
final class FlinkCopyJob {
    private FlinkCopyJob() {}

    /** Copies the topic playing {@code input} in the job's options to {@code outputTopic}. */
    static void build(StreamExecutionEnvironment env, JobOptions c, TopicRole input, String outputTopic) {
        env.fromSource(Sources.kafka(c, input, new Bytes()), Sources.<KafkaRecord>watermarks(c), "kafka-source")
                .uid("kafka-source")
                .sinkTo(Sinks.sink(c, "copy", new Write(outputTopic))).uid("sink-copy").name("sink-copy");
    }

    /** Key, value and timestamp only, like the copy; not {@code KafkaRecord.of}, which also decodes every header key. */
    private static final class Bytes implements KafkaRecordDeserializationSchema<KafkaRecord> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord> out) {
            KafkaRecord r = new KafkaRecord();
            r.key = record.key();
            r.value = record.value();
            r.timestamp = record.timestamp();
            out.collect(r);
        }

        @Override
        public TypeInformation<KafkaRecord> getProducedType() {
            return TypeInformation.of(KafkaRecord.class);
        }
    }

    private record Write(String topic) implements KafkaRecordSerializationSchema<KafkaRecord> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(KafkaRecord r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, r.timestamp, r.key, r.value);
        }
    }
}
