package io.streamplatform.local;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.MalformedPlan;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a run's events straight to the input topic with explicit event times, so tests control which
 * window each event falls in. (The producer app is tested on its own; these tests are about the job.)
 */
final class TestProducer {
    private final String topic;
    private final String run;
    private final Integer partition;
    private final EventCodec codec = new EventCodec();

    TestProducer(String topic, String run) {
        this(topic, run, null);
    }

    /** A producer that writes every record to one partition (null: by key). */
    TestProducer(String topic, String run, Integer partition) {
        this.topic = topic;
        this.run = run;
        this.partition = partition;
    }

    /**
     * Sends records {@code fromIndex..toIndex-1}; record i is malformed per {@code plan}, otherwise the next
     * valid seq (counted by {@code firstSeq}), key {@code key-(seq % keys)}, event time {@code ts.apply(i)}.
     * @return the next seq
     */
    long send(long fromIndex, long toIndex, long firstSeq, int keys, MalformedPlan plan, LongUnaryOperator ts) {
        long seq = firstSeq;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = fromIndex; i < toIndex; i++) {
                long time = ts.applyAsLong(i);
                byte[] key;
                byte[] value;
                if (plan.isMalformed(i)) {
                    key = null;
                    value = ("{\"broken\": " + i).getBytes(StandardCharsets.UTF_8);
                } else {
                    String k = "key-" + (seq % keys);
                    key = k.getBytes(StandardCharsets.UTF_8);
                    value = codec.encode(new Event(run, seq++, k, time, "event " + i));
                }
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, partition, time, key, value);
                r.headers().add(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
                p.send(r, (md, e) -> {
                    if (e != null) throw new IllegalStateException("send failed", e);
                });
            }
            p.flush();
        }
        return seq;
    }
}
