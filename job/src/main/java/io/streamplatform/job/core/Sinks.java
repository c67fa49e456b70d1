package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.TopicRole;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * A job's Kafka sinks. Exactly-once sinks write in Kafka transactions committed on each checkpoint; each sink gets
 * its own transactional-id prefix derived from the job's ({@code <prefix>-<sink name>}), which must be unique per job.
 */
public final class Sinks {
    private Sinks() {}

    /** The dead letters, byte for byte as they came in plus the reason, to the topic playing {@code dlq}. */
    public static KafkaSink<DeadLetter> deadLetters(JobOptions c, TopicRole dlq) {
        return sink(c, "dlq", new DeadLetterSerializer(c.topic(dlq)));
    }

    /** Records encoded by {@code encoder} to the topic playing {@code role}; {@code name} as in {@link #sink}. */
    public static <T> KafkaSink<T> sink(JobOptions c, String name, TopicRole role, RecordEncoder<T> encoder) {
        return sink(c, name, new EncodingSerializer<>(c.topic(role), encoder));
    }

    /** A sink with the job's producer settings and delivery guarantee; {@code name} sets its transactional-id prefix. */
    public static <T> KafkaSink<T> sink(JobOptions c, String name, KafkaRecordSerializationSchema<T> serializer) {
        Properties props = new Properties();
        // The connector's default (1 h) exceeds the broker's default transaction.max.timeout.ms (15 min):
        // every transactional writer would fail InitProducerId and the job would restart forever.
        props.setProperty("transaction.timeout.ms", Long.toString(c.transactionTimeout.toMillis()));
        props.setProperty("linger.ms", "5");
        props.setProperty("batch.size", "131072");
        props.setProperty("client.id", c.jobName + "-sink-" + name);
        props.putAll(c.producerProperties);
        boolean exactlyOnce = c.delivery == JobOptions.Delivery.EXACTLY_ONCE;
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(c.bootstrap)
                .setKafkaProducerConfig(props)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE);
        if (exactlyOnce) builder.setTransactionalIdPrefix(c.transactionalIdPrefix() + "-" + name);
        return builder.build();
    }
}
