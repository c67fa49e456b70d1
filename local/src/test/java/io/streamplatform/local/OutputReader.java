package io.streamplatform.local;

import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.events.ParseResult;
import io.streamplatform.common.events.RunVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the job's three outputs with read_committed into a {@link RunVerifier}. */
final class OutputReader implements AutoCloseable {
    private final TestTopics topics;
    private final RunVerifier verifier;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventCodec codec = new EventCodec();

    OutputReader(TestTopics topics, RunVerifier verifier) {
        this.topics = topics;
        this.verifier = verifier;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : List.of(topics.output(), topics.counts(), topics.dlq())) {
            for (PartitionInfo p : consumer.partitionsFor(t)) partitions.add(new TopicPartition(t, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code done} holds or the deadline passes; returns whether it held. */
    boolean readUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            poll();
        }
        return true;
    }

    /** Keeps reading for {@code period}, so late duplicates would still be counted. */
    void settle(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) poll();
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            long now = System.currentTimeMillis();
            if (r.topic().equals(topics.output())) {
                ParseResult parsed = codec.parse(r.value());
                if (!parsed.isValid()) throw new AssertionError("the job wrote an invalid event: " + parsed.error());
                verifier.onNormalized(parsed.event(), now);
            } else if (r.topic().equals(topics.counts())) {
                verifier.onWindow(codec.decodeWindowCount(r.value()));
            } else {
                Header run = r.headers().lastHeader(Headers.RUN);
                if (run != null && verifier.run().equals(new String(run.value(), StandardCharsets.UTF_8))) verifier.onDeadLetter();
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
