package io.streamplatform.bench;

import io.streamplatform.common.KafkaAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: what plain Kafka clients (the job's kafka-clients 3.9.2) do without Flink. {@code parallelism}
 * workers, each a read_committed consumer on its share of the input partitions and a producer with the job's
 * sink settings (acks=all, idempotent, {@link Sinks#PRODUCER_TUNING}) and its source's consumer tuning
 * ({@link Sources#CONSUMER_TUNING}), copying key, value and timestamp.
 * At-least-once: every {@code commitInterval} flush, then commit the consumer offsets. Transactional: each
 * worker writes in a transaction that also carries its consumer offsets ({@code sendOffsetsToTransaction}),
 * committed every {@code commitInterval}, as the job's exactly-once sink commits on each checkpoint.
 * Bounded: each worker stops at the end offsets found at its start, or at the given stop offsets, and commits.
 */
final class CopyPipeline implements AutoCloseable {
    private final List<Worker> workers = new ArrayList<>();
    private final ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean stop;

    CopyPipeline(Endpoint kafka, String inputTopic, String outputTopic, int partitions, int parallelism,
                 boolean transactional, Duration commitInterval, String id, boolean bounded) {
        this(kafka, inputTopic, outputTopic, partitions, parallelism, transactional, commitInterval, id, bounded, null);
    }

    /** A bounded copy of the input up to {@code stopAt} (partition → offset, exclusive; null: the end offsets at start). */
    CopyPipeline(Endpoint kafka, String inputTopic, String outputTopic, int partitions, int parallelism,
                 boolean transactional, Duration commitInterval, String id, boolean bounded, Map<Integer, Long> stopAt) {
        int workerCount = Math.min(parallelism, partitions);
        threads = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "copy-" + id);
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < workerCount; w++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = w; p < partitions; p += workerCount) mine.add(new TopicPartition(inputTopic, p));
            workers.add(new Worker(kafka, outputTopic, mine, transactional, commitInterval, id, w, bounded, stopAt));
        }
    }

    /** Which worker copies each partition. */
    static Map<Integer, Integer> workers(int partitions, int parallelism) {
        int workerCount = Math.min(parallelism, partitions);
        Map<Integer, Integer> worker = new java.util.TreeMap<>();
        for (int p = 0; p < partitions; p++) worker.put(p, p % workerCount);
        return worker;
    }

    /** The consumer group of copy {@code id}. */
    static String group(String id) {
        return "bench-copy-" + id;
    }

    /** The prefix of the transactional ids of copy {@code id} (one id per worker). */
    static String transactionalIdPrefix(String id) {
        return "bench-copy-" + id + "-";
    }

    /** What copy {@code id} of {@code inputTopic} to {@code outputTopic} needs on a broker with ACLs: a job's rights. */
    static List<KafkaAccess.Acl> acls(String inputTopic, String outputTopic, String id, boolean transactional) {
        List<KafkaAccess.Acl> acls = new ArrayList<>(KafkaAccess.consumer(List.of(inputTopic), group(id)));
        acls.addAll(KafkaAccess.producer(List.of(outputTopic)));
        if (transactional) {
            acls.add(new KafkaAccess.Acl(KafkaAccess.Resource.TRANSACTIONAL_ID, transactionalIdPrefix(id), KafkaAccess.Pattern.PREFIX,
                    KafkaAccess.Operation.Write));
        }
        return acls;
    }

    /** Creates the clients (and, transactional, initialises the transactions): everything before the first read. */
    void prepare() {
        for (Worker w : workers) w.prepare();
    }

    void start() {
        for (Worker w : workers) running.add(threads.submit(() -> {
            w.run();
            return null;
        }));
    }

    /** Bounded: waits until every worker has copied its partitions to the end and committed. */
    void awaitDone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> f : running) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new BenchException("the copy did not finish within " + timeout.toSeconds() + "s");
            } catch (ExecutionException e) {
                throw new BenchException("the copy failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
        }
    }

    @Override
    public void close() {
        stop = true;
        try {
            awaitDone(Duration.ofSeconds(60));
        } finally {
            threads.shutdownNow();
            for (Worker w : workers) w.close();
        }
    }

    private final class Worker {
        private final Endpoint kafka;
        private final String outputTopic;
        private final List<TopicPartition> partitions;
        private final boolean transactional;
        private final long commitIntervalNanos;
        private final String id;
        private final int index;
        private final boolean bounded;
        private final Map<Integer, Long> stopAt;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private KafkaConsumer<byte[], byte[]> consumer;
        private KafkaProducer<byte[], byte[]> producer;
        private Map<TopicPartition, Long> end;

        Worker(Endpoint kafka, String outputTopic, List<TopicPartition> partitions, boolean transactional,
               Duration commitInterval, String id, int index, boolean bounded, Map<Integer, Long> stopAt) {
            this.kafka = kafka;
            this.outputTopic = outputTopic;
            this.partitions = partitions;
            this.transactional = transactional;
            this.commitIntervalNanos = commitInterval.toNanos();
            this.id = id;
            this.index = index;
            this.bounded = bounded;
            this.stopAt = stopAt;
        }

        void prepare() {
            Map<String, Object> c = kafka.config(Map.of());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group(id));
            c.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-copy-" + id + "-" + index);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.putAll(Sources.CONSUMER_TUNING);
            consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Map<String, Object> p = kafka.config(Map.of());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-copy-" + id + "-" + index);
            p.putAll(Sinks.PRODUCER_TUNING);
            if (transactional) p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix(id) + index);
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
            if (transactional) producer.initTransactions();
            consumer.assign(partitions);
            if (bounded) {
                end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
                if (stopAt != null) for (TopicPartition tp : partitions) end.put(tp, stopAt.get(tp.partition()));
            }
        }

        void run() {
            if (transactional) producer.beginTransaction();
            long nextCommit = System.nanoTime() + commitIntervalNanos;
            while (!stop && !(bounded && atEnd())) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                for (TopicPartition tp : polled.partitions()) {
                    long stopAt = bounded ? end.get(tp) : Long.MAX_VALUE;
                    for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                        if (r.offset() >= stopAt) break;
                        producer.send(new ProducerRecord<>(outputTopic, null, r.timestamp(), r.key(), r.value()), (md, e) -> {
                            if (e != null) failure.compareAndSet(null, e);
                        });
                    }
                }
                if (failure.get() != null) throw new BenchException("copy send failed: " + failure.get(), failure.get());
                if (System.nanoTime() >= nextCommit) {
                    commit(false);
                    nextCommit = System.nanoTime() + commitIntervalNanos;
                }
            }
            commit(true);
        }

        private boolean atEnd() {
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp) < end.get(tp)) return false;
            }
            return true;
        }

        private void commit(boolean last) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long at = consumer.position(tp);
                offsets.put(tp, new OffsetAndMetadata(bounded ? Math.min(at, end.get(tp)) : at));
            }
            if (transactional) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                if (!last) producer.beginTransaction();
            } else {
                producer.flush();
                if (failure.get() != null) throw new BenchException("copy send failed: " + failure.get(), failure.get());
                consumer.commitSync(offsets);
            }
        }

        void close() {
            if (producer != null) producer.close(Duration.ofSeconds(10));
            if (consumer != null) consumer.close(Duration.ofSeconds(10));
        }
    }
}
