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
 * The steady window of a run is from the first commit at least the ramp after it started reading to the last commit
 * before any partition reached its stop offset: neither start-up nor the end of the input is in it.
 */
final class Progress implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(25);

    /** A commit seen: when, how many input records it covers, whether every partition was still short of its stop. */
    record Commit(long nanos, long records, boolean allBefore, CpuSample cpu) {}

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
                boolean allBefore = true;
                for (Map.Entry<Integer, Long> s : stop.entrySet()) {
                    OffsetAndMetadata o = offsets.get(new TopicPartition(topic, s.getKey()));
                    long at = o == null ? 0 : Math.min(o.offset(), s.getValue());
                    records += at;
                    if (s.getValue() > 0 && at >= s.getValue()) allBefore = false;
                }
                if (records != last) {
                    Commit c = new Commit(System.nanoTime(), records, allBefore, CpuSample.take(brokerPid));
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
     * later to the last commit before any partition reached its stop; null when there are not two such commits.
     */
    Window window(long startNanos, Duration ramp) {
        List<Commit> seen;
        synchronized (commits) {
            seen = List.copyOf(commits);
        }
        Commit from = null, to = null;
        for (Commit c : seen) {
            if (c.nanos() < startNanos + ramp.toNanos() || !c.allBefore()) continue;
            if (from == null) from = c;
            to = c;
        }
        if (from == null || to == from || to.records() == from.records()) return null;
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        long records = to.records() - from.records();
        return new Window(Benchmark.round(seconds), records, records / seconds, to.cpu().since(from.cpu(), records));
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
