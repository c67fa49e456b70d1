package io.streamplatform.job.core;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.TopicRole;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/** A job's Kafka source and its event-time watermarks. */
public final class Sources {
    /**
     * The source's consumer settings beyond Kafka's defaults (also what a peer of the job in the benchmark gets): larger
     * hand-overs from the fetcher thread to the task (Kafka's default is 500 records per poll).
     */
    public static final java.util.Map<String, String> CONSUMER_TUNING = java.util.Map.of("max.poll.records", "10000");
    private Sources() {}

    /**
     * Reads the topic playing {@code input} with the job's settings: read_committed, the job's group and starting
     * offsets, bounded if asked; each record turned into a {@code T} by {@code deserializer} (usually a
     * {@link ParsingDeserializer}).
     */
    public static <T> KafkaSource<T> kafka(JobOptions c, TopicRole input, KafkaRecordDeserializationSchema<T> deserializer) {
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(c.bootstrap)
                .setTopics(c.topic(input))
                .setGroupId(c.groupId)
                .setStartingOffsets(startingOffsets(c.startingOffsets))
                .setDeserializer(deserializer)
                // Input written by a transactional producer is only seen once committed.
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "30000")
                .setProperty("client.id.prefix", c.jobName + "-source-" + input.role());
        CONSUMER_TUNING.forEach(builder::setProperty);
        c.clientSecurity().forEach(builder::setProperty);
        c.consumerProperties.forEach(builder::setProperty);
        // Bounded: read up to the (read_committed) end offsets found at start, or up to --bounded-offsets, then finish; an
        // exactly-once job's final checkpoint commits the last transactions.
        if (c.bounded) builder.setBounded(stoppingOffsets(c, c.topic(input)));
        return builder.build();
    }

    /** The partitions of {@code topic} listed in {@code --bounded-offsets} stop there; the others at their end offsets at start. */
    static OffsetsInitializer stoppingOffsets(JobOptions c, String topic) {
        java.util.Map<Integer, Long> listed = c.boundedOffsets(topic);
        return listed.isEmpty() ? OffsetsInitializer.latest() : new ListedOrLatest(new java.util.TreeMap<>(listed));
    }

    /**
     * End offsets with some partitions' replaced (Flink's {@code OffsetsInitializer.offsets} would take the group's
     * committed offsets for a partition not listed, not its end).
     */
    private record ListedOrLatest(java.util.TreeMap<Integer, Long> listed) implements OffsetsInitializer {
        @Override
        public java.util.Map<TopicPartition, Long> getPartitionOffsets(java.util.Collection<TopicPartition> partitions,
                                                                     PartitionOffsetsRetriever retriever) {
            java.util.Map<TopicPartition, Long> offsets = new java.util.HashMap<>(retriever.endOffsets(partitions));
            for (TopicPartition tp : partitions) {
                Long stop = listed.get(tp.partition());
                if (stop != null) offsets.put(tp, stop);
            }
            return offsets;
        }

        @Override
        public OffsetResetStrategy getAutoOffsetResetStrategy() {
            return OffsetResetStrategy.LATEST;
        }
    }

    /**
     * Event time is the Kafka record timestamp (the producer sets it to the event's {@code ts}); watermarks
     * are generated per partition inside the source, so a partition read faster than another (catching up
     * a backlog after a restart) cannot make the other's events late. Idle partitions stop holding back
     * the watermark after {@code --idleness} (see {@link PartitionWatermarks} for the one difference from Flink's own).
     */
    public static <T> WatermarkStrategy<T> watermarks(JobOptions c) {
        var outOfOrderness = c.outOfOrderness;
        var idleness = c.idleness;
        return WatermarkStrategy.forGenerator(ctx -> new PartitionWatermarks<>(outOfOrderness, idleness, ctx.getInputActivityClock()));
    }

    /**
     * As {@link #watermarks(JobOptions)}, with event time taken from the parsed record rather than the Kafka record
     * timestamp: what a log line or a sensor reading says, not when a shipper wrote it to Kafka. A dead letter keeps
     * its record timestamp.
     */
    public static <T> WatermarkStrategy<Parsed<T>> watermarks(JobOptions c, EventTime<T> eventTime) {
        return Sources.<Parsed<T>>watermarks(c)
                .withTimestampAssigner((p, recordTimestamp) -> p.value != null ? eventTime.of(p.value) : recordTimestamp);
    }

    /** The event time of a parsed record, in epoch milliseconds. */
    @FunctionalInterface
    public interface EventTime<T> extends java.io.Serializable {
        long of(T value);
    }

    private static OffsetsInitializer startingOffsets(JobOptions.StartingOffsets s) {
        return switch (s) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
