package io.streamplatform.bench;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's input, written with the job's kafka-clients 3.9.2: a catalogue job's generated records (the
 * throughput scenarios), or events of the events job's shape stamped with their send time (the latency probe).
 */
final class InputLoader {
    static final int KEYS = 1_000;
    private static final int TEXT_POOL = 256;

    private final String run;
    private final byte[] runHeader;
    private final EventCodec codec = new EventCodec();
    private final String[] texts = new String[TEXT_POOL];
    private final Random random = new Random(42);
    private final Event event = new Event();

    InputLoader(String run) {
        this.run = run;
        this.runHeader = run.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < TEXT_POOL; i++) texts[i] = text(32);
    }

    static KafkaProducer<byte[], byte[]> producer(Endpoint kafka, int lingerMs) {
        return new KafkaProducer<>(kafka.config(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
                ProducerConfig.BATCH_SIZE_CONFIG, "131072",
                ProducerConfig.CLIENT_ID_CONFIG, "bench-loader")), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends event {@code seq} with event time {@code ts}; a failed send is kept and rethrown by {@link #check}. */
    void send(Producer<byte[], byte[]> producer, String topic, long seq, long ts, AtomicReference<Exception> failure) {
        String key = "key-" + (seq % KEYS);
        event.run = run;
        event.seq = seq;
        event.key = key;
        event.ts = ts;
        event.text = texts[random.nextInt(TEXT_POOL)];
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, ts, key.getBytes(StandardCharsets.UTF_8), codec.encode(event));
        r.headers().add(Headers.RUN, runHeader);
        producer.send(r, (md, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        });
    }

    static void check(AtomicReference<Exception> failure) {
        if (failure.get() != null) throw new BenchException("sending input failed: " + failure.get().getMessage(), failure.get());
    }

    /**
     * Loads {@code count} records of the job's own generator (what the producer app sends: run header, record
     * timestamp = event time, no malformed records, each record to the topic of its input role in {@code topics}, the
     * first input's for a record without role) as fast as the broker takes them; returns the elapsed seconds.
     */
    static double load(JobDefinition<?> job, String run, Endpoint kafka, Map<String, String> topics, long count) {
        String topic = topics.get(job.inputs().get(0).role());
        AtomicReference<Exception> failure = new AtomicReference<>();
        RecordGenerator generator = job.generator(new GeneratorSettings(run, KEYS, 32, 0, 42, count));
        byte[] runHeader = run.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = producer(kafka, 5)) {
            for (long i = 0; i < count; i++) {
                try {
                    if (!generator.next()) throw new BenchException("the " + job.name() + " generator ended after " + i + " records");
                } catch (java.io.IOException e) {
                    throw new BenchException("the " + job.name() + " generator failed: " + e.getMessage(), e);
                }
                String to = generator.role() == null ? topic : topics.get(generator.role());
                if (to == null) throw new BenchException("the " + job.name() + " generator made a record of unknown input role '" + generator.role() + "'");
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(to, null, generator.timestamp(), generator.key(), generator.value());
                r.headers().add(Headers.RUN, runHeader);
                generator.headers().forEach(r.headers()::add);
                p.send(r, (md, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                });
                if ((i & 0xFFFF) == 0) check(failure);
            }
            p.flush();
        }
        check(failure);
        return (System.nanoTime() - start) / 1e9;
    }

    private String text(int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            if (sb.length() > 0) sb.append(' ');
            int word = 2 + random.nextInt(7);
            for (int i = 0; i < word && sb.length() < length; i++) sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }
}
