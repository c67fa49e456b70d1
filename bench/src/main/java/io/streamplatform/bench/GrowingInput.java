package io.streamplatform.bench;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmarked job's input for runs sized to a steady window: one long run of the job's generator, loaded as far as
 * the runs need it, and for any {@code n} the offset where each partition's share of the first {@code n} records ends.
 * A run over those offsets reads exactly the run of {@code n} records the generator would have made on its own — true
 * of a generator whose records do not depend on the run's length (the events generator's), see {@link #fits}.
 */
final class GrowingInput {
    private static final int CHUNK = 1 << 20;

    private final String run;
    private final Endpoint kafka;
    private final String topic;
    private final int partitions;
    private final RecordGenerator generator;
    private final byte[] runHeader;
    /** The partition of every record loaded, in the order the generator made them. */
    private final List<byte[]> partitionOf = new ArrayList<>();
    private long loaded;

    GrowingInput(JobDefinition<?> job, String run, Endpoint kafka, String topic, int partitions) {
        this.run = run;
        this.kafka = kafka;
        this.topic = topic;
        this.partitions = partitions;
        this.generator = job.generator(new GeneratorSettings(run, InputLoader.KEYS, 32, 0, 42, 0));
        this.runHeader = run.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the first n records of one long run of {@code job}'s generator are its run of n: its input has one topic and its generator plans nothing by length. */
    static boolean fits(JobDefinition<?> job) {
        return job.name().equals(io.streamplatform.common.events.EventsDefinition.NAME);
    }

    long loaded() {
        return loaded;
    }

    /** Loads records until the topic holds {@code n}; returns the seconds it took (0 when it already did). */
    double ensure(long n) {
        if (n <= loaded) return 0;
        long start = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = InputLoader.producer(kafka, 5)) {
            for (long i = loaded; i < n; i++) {
                try {
                    if (!generator.next()) throw new BenchException("the generator ended after " + i + " records");
                } catch (IOException e) {
                    throw new BenchException("the generator failed: " + e.getMessage(), e);
                }
                if (generator.role() != null) throw new BenchException("the generator made a record of input role '" + generator.role() + "'");
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, generator.timestamp(), generator.key(), generator.value());
                r.headers().add(Headers.RUN, runHeader);
                generator.headers().forEach(r.headers()::add);
                if (i % CHUNK == 0) partitionOf.add(new byte[CHUNK]);
                byte[] chunk = partitionOf.get((int) (i / CHUNK));
                int at = (int) (i % CHUNK);
                p.send(r, (md, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                    else chunk[at] = (byte) md.partition();
                });
                if ((i & 0xFFFF) == 0) InputLoader.check(failure);
            }
            p.flush();
        }
        InputLoader.check(failure);
        loaded = n;
        return (System.nanoTime() - start) / 1e9;
    }

    /** Where each partition's share of the first {@code n} records ends (exclusive), every partition listed. */
    Map<Integer, Long> stopOffsets(long n) {
        if (n > loaded) throw new IllegalArgumentException(n + " records asked for, " + loaded + " loaded");
        long[] count = new long[partitions];
        for (long i = 0; i < n; i++) count[partitionOf.get((int) (i / CHUNK))[(int) (i % CHUNK)]]++;
        Map<Integer, Long> stop = new TreeMap<>();
        for (int p = 0; p < partitions; p++) stop.put(p, count[p]);
        return stop;
    }

    /** {@link #stopOffsets} as a job's {@code --bounded-offsets} value. */
    String boundedOffsets(Map<Integer, Long> stop) {
        StringBuilder sb = new StringBuilder();
        stop.forEach((p, o) -> sb.append(sb.isEmpty() ? "" : ",").append(topic).append('-').append(p).append('=').append(o));
        return sb.toString();
    }

    String run() {
        return run;
    }
}
