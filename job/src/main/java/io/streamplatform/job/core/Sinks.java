package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.TopicRole;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * A job's Kafka sinks. Exactly-once sinks write in Kafka transactions committed on each checkpoint; each sink gets
 * its own transactional-id prefix derived from the job's ({@code <prefix>-<sink name>}), which must be unique per job.
 *
 * <p>A job writes each output with {@link #write} (dead letters with {@link #writeDeadLetters}): the sink behind one
 * small pass-through step, {@code metrics-<role>} (uid and name), that measures what reaches the sink, so every output
 * of every job exports the same metrics under {@code platform → output=<role>} (see {@link OutputMetrics}). For an
 * operator: {@code records_written} says the output is flowing (none while input arrives is the alarm);
 * {@code latency_ms} how long after its event time a record reaches the sink (windows included); {@code
 * watermark_lag_ms} how far event time at the sink trails the wall clock (a growing value: the job falls behind, or
 * its input is idle); on the dead-letter output, {@code dead_letters} by reason tells bad input ({@code not_json},
 * {@code missing_field}, ...) from late input ({@code late}) and unmatched joins ({@code unknown_video}).
 */
public final class Sinks {
    private Sinks() {}

    /**
     * Writes {@code records} to {@code sink} (uid and name {@code uid}) through the metrics step of output
     * {@code output}.
     */
    public static <T> DataStreamSink<T> write(DataStream<T> records, TopicRole output, String uid, Sink<T> sink) {
        return measured(records, new OutputMetrics<>(output.role()), output).sinkTo(sink).uid(uid).name(uid);
    }

    /**
     * Writes dead letters to the topic playing {@code dlq} (sink uid and name {@code sink-dead-letters}) through the
     * metrics step, which also counts them by reason.
     */
    public static DataStreamSink<DeadLetter> writeDeadLetters(DataStream<DeadLetter> deadLetters, JobOptions c, TopicRole dlq) {
        return measured(deadLetters, OutputMetrics.deadLetters(dlq.role()), dlq)
                .sinkTo(deadLetters(c, dlq)).uid("sink-dead-letters").name("sink-dead-letters");
    }

    private static <T> DataStream<T> measured(DataStream<T> records, OutputMetrics<T> step, TopicRole output) {
        String name = "metrics-" + output.role();
        return records.transform(name, records.getType(), step).uid(name).name(name);
    }

    /** The dead letters, byte for byte as they came in plus the reason, to the topic playing {@code dlq}. */
    public static KafkaSink<DeadLetter> deadLetters(JobOptions c, TopicRole dlq) {
        return sink(c, "dlq", new DeadLetterSerializer(c.topic(dlq)));
    }

    /** Records encoded by {@code encoder} to the topic playing {@code role}; {@code name} as in {@link #sink}. */
    public static <T> KafkaSink<T> sink(JobOptions c, String name, TopicRole role, RecordEncoder<T> encoder) {
        return sink(c, name, new EncodingSerializer<>(c.topic(role), encoder));
    }

    /** The sinks' producer settings beyond Kafka's defaults (also what a peer of the job in the benchmark gets). */
    public static final java.util.Map<String, String> PRODUCER_TUNING = java.util.Map.of("linger.ms", "5", "batch.size", "131072");

    /** A sink with the job's producer settings and delivery guarantee; {@code name} sets its transactional-id prefix. */
    public static <T> KafkaSink<T> sink(JobOptions c, String name, KafkaRecordSerializationSchema<T> serializer) {
        Properties props = new Properties();
        // The connector's default (1 h) exceeds the broker's default transaction.max.timeout.ms (15 min):
        // every transactional writer would fail InitProducerId and the job would restart forever.
        props.setProperty("transaction.timeout.ms", Long.toString(c.transactionTimeout.toMillis()));
        props.putAll(PRODUCER_TUNING);
        props.setProperty("client.id", c.jobName + "-sink-" + name);
        props.putAll(c.clientSecurity());
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
