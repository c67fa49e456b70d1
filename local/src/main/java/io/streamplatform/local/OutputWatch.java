package io.streamplatform.local;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches a job's output topics as a {@code read_committed} reader does, to time a fault's effects. A {@link Probe}
 * taken just before a fault remembers each output partition's end (high watermark); then
 * <ul>
 *   <li>the output <em>flows again</em> when a reader receives a record at or past that end in any partition: data
 *       written and committed after the fault;</li>
 *   <li>readers are <em>no longer held</em> when every partition's last stable offset has reached that end: every
 *       transaction open at the fault is committed or aborted, so nothing written before it blocks readers.</li>
 * </ul>
 */
final class OutputWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LSO_CHECK_NANOS = 250_000_000L;

    private final String bootstrap;
    private final List<TopicPartition> partitions;
    private final List<Probe> open = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile String problem;

    /** A fault's effect on readers, filled in by the watch's thread. */
    static final class Probe {
        final long startNanos = System.nanoTime();
        final Map<TopicPartition, Long> ends;
        volatile long flowingNanos;
        volatile long releasedNanos;

        private Probe(Map<TopicPartition, Long> ends) {
            this.ends = ends;
        }

        /** Fault → output flowing again; null while it does not. */
        Duration recovery() {
            return flowingNanos == 0 ? null : Duration.ofNanos(flowingNanos - startNanos);
        }

        /** Fault → last stable offsets past the ends at the fault; null while readers are held. */
        Duration held() {
            return releasedNanos == 0 ? null : Duration.ofNanos(releasedNanos - startNanos);
        }

        boolean done() {
            return flowingNanos != 0 && releasedNanos != 0;
        }
    }

    OutputWatch(String bootstrap, Collection<String> topics, int partitionsPerTopic) {
        this.bootstrap = bootstrap;
        this.partitions = topics.stream()
                .flatMap(t -> java.util.stream.IntStream.range(0, partitionsPerTopic).mapToObj(p -> new TopicPartition(t, p))).toList();
        this.thread = new Thread(this::watch, "output-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes each output partition's end now, just before a fault; the watch then times the fault's effects. */
    Probe probe(Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartition tp : partitions) latest.put(tp, OffsetSpec.latest());
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Probe probe = new Probe(ends);
            open.add(probe);
            return probe;
        } catch (Exception e) {
            throw new ChaosFailure("cannot read the output's ends before the fault: " + e.getMessage());
        }
    }

    /** Why the watch stopped working, or null. */
    String problem() {
        return problem;
    }

    private void watch() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long nextLsoCheck = 0;
            while (!stop) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (org.apache.kafka.common.errors.RetriableException e) {
                    continue; // a broker is down or frozen: the reader waits like any other
                }
                long now = System.nanoTime();
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
                    long last = batch.get(batch.size() - 1).offset();
                    for (Probe p : open) {
                        if (p.flowingNanos == 0 && last >= p.ends.get(tp)) p.flowingNanos = now;
                    }
                }
                if (now >= nextLsoCheck && open.stream().anyMatch(p -> p.releasedNanos == 0)) {
                    nextLsoCheck = now + LSO_CHECK_NANOS;
                    Map<TopicPartition, Long> stable;
                    try {
                        stable = consumer.endOffsets(partitions, Duration.ofSeconds(2)); // read_committed: last stable offsets
                    } catch (org.apache.kafka.common.errors.RetriableException e) {
                        continue;
                    }
                    long at = System.nanoTime();
                    for (Probe p : open) {
                        if (p.releasedNanos == 0 && p.ends.entrySet().stream().allMatch(e -> stable.get(e.getKey()) >= e.getValue())) {
                            p.releasedNanos = at;
                        }
                    }
                }
                open.removeIf(Probe::done);
            }
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
