package io.streamplatform.bench;

import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.ParseResult;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * End-to-end latency at a fixed input rate: a paced producer stamps each event with its send time (event
 * {@code ts} and record timestamp), a read_committed consumer on the output records {@code now - ts} into an
 * HdrHistogram. Events of the first {@code warmupSeconds} are counted but left out of the percentiles.
 */
final class LatencyProbe {
    record Result(long events, long distinct, double achievedRate, long p50Ms, long p99Ms, long p999Ms, long maxMs) {}

    private LatencyProbe() {}

    /** Sends to {@code inputTopic} through {@code producerKafka}, reads {@code outputTopic} through {@code consumerKafka}. */
    static Result measure(Endpoint producerKafka, Endpoint consumerKafka, String inputTopic, String outputTopic, int rate, int seconds, int warmupSeconds,
                          String run) {
        long total = (long) rate * seconds;
        long warmup = (long) rate * warmupSeconds;
        Histogram histogram = new Histogram(3) /* auto-resizing */;
        BitSet seen = new BitSet();
        AtomicReference<RuntimeException> consumerFailure = new AtomicReference<>();
        long[] distinct = {0};
        KafkaConsumer<byte[], byte[]> consumer = Topics.readCommittedFromStart(consumerKafka, outputTopic, "bench-latency-consumer", 500);
        consumer.poll(Duration.ZERO); // joins nothing (assigned), but resolves positions before the clock starts

        long consumeDeadline = System.nanoTime() + Duration.ofSeconds(seconds + 120L).toNanos();
        Thread reader = new Thread(() -> {
            EventCodec codec = new EventCodec();
            try {
                while (distinct[0] < total && System.nanoTime() < consumeDeadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        ParseResult parsed = codec.parse(r.value());
                        if (!parsed.isValid() || !run.equals(parsed.event().run)) continue;
                        int seq = Math.toIntExact(parsed.event().seq);
                        if (seen.get(seq)) continue;
                        seen.set(seq);
                        distinct[0]++;
                        if (seq >= warmup) histogram.recordValue(Math.max(0, now - parsed.event().ts));
                    }
                }
            } catch (RuntimeException e) {
                consumerFailure.set(e);
            } finally {
                consumer.close(Duration.ofSeconds(10));
            }
        }, "bench-latency-consumer");
        reader.start();

        InputLoader loader = new InputLoader(run);
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = InputLoader.producer(producerKafka, 1)) {
            long seq = 0;
            while (seq < total) {
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
                while (seq < due) loader.send(producer, inputTopic, seq++, System.currentTimeMillis(), sendFailure);
                InputLoader.check(sendFailure);
                LockSupport.parkNanos(200_000); // pacing: the next events are not due yet
            }
            producer.flush();
        }
        InputLoader.check(sendFailure);
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        try {
            reader.join(Math.max(1, (consumeDeadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
        if (consumerFailure.get() != null) throw new BenchException("latency consumer failed: " + consumerFailure.get(), consumerFailure.get());
        if (reader.isAlive()) throw new BenchException("latency consumer did not end");
        if (distinct[0] < total) throw new BenchException("latency run lost events: " + distinct[0] + " of " + total + " came out");
        return new Result(total, distinct[0], achieved, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
