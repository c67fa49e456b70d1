package io.streamplatform.bench;

import io.streamplatform.common.Event;
import io.streamplatform.common.EventCodec;
import io.streamplatform.common.Headers;
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
 * Events of the real shape (what the producer app generates: run header, JSON
 * {@code {"run","seq","key","ts","text"}}, 32-character lower-case text, record timestamp = event time),
 * written with the job's kafka-clients 3.9.2.
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

    static KafkaProducer<byte[], byte[]> producer(String bootstrap, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
                ProducerConfig.BATCH_SIZE_CONFIG, "131072",
                ProducerConfig.CLIENT_ID_CONFIG, "bench-loader"), new ByteArraySerializer(), new ByteArraySerializer());
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

    /** Loads {@code count} events as fast as the broker takes them; returns the elapsed seconds. */
    double load(String bootstrap, String topic, long count) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap, 5)) {
            for (long seq = 0; seq < count; seq++) {
                send(p, topic, seq, System.currentTimeMillis(), failure);
                if ((seq & 0xFFFF) == 0) check(failure);
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
