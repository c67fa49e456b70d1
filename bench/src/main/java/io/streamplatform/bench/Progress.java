package io.streamplatform.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A throughput run's progress as its consumer group commits it — every copy, Flink job and Kafka Streams application
 * commits its input offsets together with its output (or after flushing it, at-least-once), once per commit or
 * checkpoint interval — sampled every {@link #PERIOD} from a thread of its own with the CPU counters at each new commit.
 * The steady window of a run is from the first commit at least the ramp after it started reading to the last commit at
 * which every worker (copy thread, Flink source subtask, Kafka Streams thread) still had a partition short of its stop:
 * neither start-up nor the end of the input, where workers run out of work one by one, is in it. (A worker with one
 * partition left is as busy as with two: a partition's own end, which comes unevenly, does not end the window.)
 */
final class Progress implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(25);

    /** A commit seen: when, each partition's committed offset (at most its stop), the CPU counters then. */
    record Commit(long nanos, Map<Integer, Long> offsets, CpuSample cpu) {
        long records() {
            long sum = 0;
            for (long o : offsets.values()) sum += o;
            return sum;
        }
    }

    /** The rate between two commits; {@code cpu} per record of the window. */
    record Window(double seconds, long records, double recordsPerSecond, CpuSample.Use cpu) {}

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Map<Integer, Long> stop;
    private final long brokerPid;
    private final List<Commit> commits = new ArrayList<>();
    private final Thread thread;
    private volatile boolean done;
    private volatile Exception failure;

    private Progress(Endpoint kafka, String group, String topic, Map<Integer, Long> stop, long brokerPid) {
        this.admin = Admin.create(kafka.config(Map.of()));
        this.group = group;
        this.topic = topic;
        this.stop = stop;
        this.brokerPid = brokerPid;
        this.thread = new Thread(this::sample, "progress-" + group);
        thread.setDaemon(true);
    }

    /** Starts sampling the commits of {@code group} on {@code topic}, whose partitions stop at {@code stop}. */
    static Progress start(Endpoint kafka, String group, String topic, Map<Integer, Long> stop, long brokerPid) {
        Progress p = new Progress(kafka, group, topic, stop, brokerPid);
        p.thread.start();
        return p;
    }

    private void sample() {
        long last = -1;
        while (!done) {
            try {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long records = 0;
                Map<Integer, Long> at = new java.util.TreeMap<>();
                for (Map.Entry<Integer, Long> s : stop.entrySet()) {
                    OffsetAndMetadata o = offsets.get(new TopicPartition(topic, s.getKey()));
                    at.put(s.getKey(), o == null ? 0 : Math.min(o.offset(), s.getValue()));
                    records += at.get(s.getKey());
                }
                if (records != last) {
                    Commit c = new Commit(System.nanoTime(), at, CpuSample.take(brokerPid));
                    synchronized (commits) {
                        commits.add(c);
                    }
                    last = records;
                }
                Thread.sleep(PERIOD.toMillis()); // the sampling period, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failure = e;
                return;
            }
        }
    }

    /**
     * The steady window of a run whose reading started at {@code startNanos}: from the first commit at least {@code ramp}
     * later to the last commit at which every worker ({@code workerOf}: partition → worker) had a partition short of its
     * stop; null when there are not two such commits.
     */
    Window window(long startNanos, Duration ramp, Map<Integer, Integer> workerOf) {
        List<Commit> seen;
        synchronized (commits) {
            seen = List.copyOf(commits);
        }
        return window(seen, stop, startNanos, ramp, workerOf);
    }

    /** {@link #window(long, Duration, Map)} of the commits seen of partitions stopping at {@code stop}. */
    static Window window(List<Commit> seen, Map<Integer, Long> stop, long startNanos, Duration ramp, Map<Integer, Integer> workerOf) {
        Commit from = null, to = null;
        for (Commit c : seen) {
            if (c.nanos() < startNanos + ramp.toNanos() || !everyWorkerBusy(c, stop, workerOf)) continue;
            if (from == null) from = c;
            to = c;
        }
        if (from == null || to == from || to.records() == from.records()) return null;
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        long records = to.records() - from.records();
        return new Window(Benchmark.round(seconds), records, records / seconds, to.cpu().since(from.cpu(), records));
    }

    /** Whether every worker that has partitions had one short of its stop at commit {@code c}. */
    private static boolean everyWorkerBusy(Commit c, Map<Integer, Long> stop, Map<Integer, Integer> workerOf) {
        Map<Integer, Boolean> busy = new java.util.HashMap<>();
        stop.forEach((partition, end) -> {
            if (end == 0) return;
            busy.merge(workerOf.get(partition), c.offsets().get(partition) < end, Boolean::logicalOr);
        });
        return !busy.containsValue(false);
    }

    /**
     * Flink's Kafka source hands each partition to a reader (source subtask) by a fixed rule: the readers of a topic
     * start at an index from the topic's name and take its partitions round-robin (the connector's
     * {@code KafkaSourceEnumerator.getSplitOwner}).
     */
    static Map<Integer, Integer> flinkReaders(String topic, int partitions, int parallelism) {
        int first = ((topic.hashCode() * 31) & 0x7FFFFFFF) % parallelism;
        Map<Integer, Integer> owner = new java.util.TreeMap<>();
        for (int p = 0; p < partitions; p++) owner.put(p, (first + p) % parallelism);
        return owner;
    }

    /** Stops sampling; a sampling failure (the broker gone, the group unreadable) fails the run. */
    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
        if (failure != null) throw new BenchException("reading the commits of " + group + " failed: " + failure, failure);
    }
}
