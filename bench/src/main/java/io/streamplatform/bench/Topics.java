package io.streamplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Counting, reading and deleting the scenarios' output topics. */
final class Topics {
    private Topics() {}

    /**
     * Records a read_committed consumer sees in {@code topic}, read from the beginning up to the last stable
     * offset (so transaction markers and aborted records are not counted).
     */
    static long countCommitted(Endpoint kafka, String topic, Duration timeout) {
        return readCommitted(kafka, topic, timeout, r -> {});
    }

    /**
     * Reads {@code topic} like {@link #countCommitted}, handing each record to {@code each}; returns how many. Run after
     * the writers are done: it first waits until the last stable offset of every partition has reached its end. The
     * markers of a committed transaction reach the partitions after the writer's commit has returned, so right after
     * a run the last stable offset can still stand before the last transaction, and a read up to it would miss it.
     */
    static long readCommitted(Endpoint kafka, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = readCommittedFromStart(kafka, topic, "bench-reader", 10_000)) {
            List<TopicPartition> partitions = new ArrayList<>(c.assignment());
            Map<TopicPartition, Long> end = stableEnd(kafka, c, partitions, deadline, topic);
            long count = 0;
            while (true) {
                boolean done = true;
                for (TopicPartition tp : partitions) done &= c.position(tp) >= end.get(tp);
                if (done) return count;
                if (System.nanoTime() > deadline) throw new BenchException("reading " + topic + " took over " + timeout.toSeconds() + "s");
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                    count++;
                }
            }
        }
    }

    /** The partitions' end offsets, once the last stable offsets (what {@code committed} sees as the end) have reached them. */
    private static Map<TopicPartition, Long> stableEnd(Endpoint kafka, KafkaConsumer<byte[], byte[]> committed, List<TopicPartition> partitions,
                                                        long deadline, String topic) {
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-reader-end")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            end = all.endOffsets(partitions, Duration.ofSeconds(30));
        }
        while (true) {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(30));
            if (stable.equals(end)) return end;
            if (System.nanoTime() > deadline) {
                throw new BenchException(topic + ": the last stable offsets " + stable + " stayed behind the ends " + end + " (a transaction left open)");
            }
            try {
                Thread.sleep(50); // polling the broker for a condition, with the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
        }
    }

    /** A read_committed consumer assigned every partition of {@code topic}, positioned at the beginning. */
    static KafkaConsumer<byte[], byte[]> readCommittedFromStart(Endpoint kafka, String topic, String clientId, int maxPollRecords) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords),
                ConsumerConfig.CLIENT_ID_CONFIG, clientId)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, p.partition()));
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    /**
     * Records in a topic written without transactions (no markers, nothing aborted): the sum of its partitions' end
     * offsets, once every write has been acknowledged.
     */
    static long countWritten(Endpoint kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(kafka.config(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-counter")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) partitions.add(new TopicPartition(topic, p.partition()));
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, Duration.ofSeconds(30));
            long count = 0;
            for (Map.Entry<TopicPartition, Long> e : c.endOffsets(partitions, Duration.ofSeconds(30)).entrySet()) count += e.getValue() - begin.get(e.getKey());
            return count;
        }
    }

    /**
     * Deletes a consumer group and its committed offsets; a group that does not exist is already gone. Members that left
     * without saying so (a closed Kafka Streams client's, which wait for their session to time out) are removed first.
     */
    static void deleteGroup(Endpoint kafka, String group) {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            var members = admin.describeConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS).get(group).members();
            if (!members.isEmpty()) {
                admin.removeMembersFromConsumerGroup(group, new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions())
                        .all().get(60, TimeUnit.SECONDS);
            }
            admin.deleteConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                throw new BenchException("cannot delete consumer group " + group + ": " + e.getCause(), e.getCause());
            }
        } catch (Exception e) {
            throw new BenchException("cannot delete consumer group " + group + ": " + e.getMessage(), e);
        }
    }

    static void delete(Endpoint kafka, Collection<String> topics) {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new BenchException("cannot delete topics " + topics + ": " + e.getMessage(), e);
        }
    }
}
