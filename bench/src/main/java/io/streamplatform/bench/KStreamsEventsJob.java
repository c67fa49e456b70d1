package io.streamplatform.bench;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import io.streamplatform.common.events.ParseResult;
import io.streamplatform.common.events.WindowCount;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.DeadLetterSerializer;
import io.streamplatform.job.core.KafkaRecord;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import io.streamplatform.job.events.LateEvents;
import io.streamplatform.job.events.Normalize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.Stores;

/**
 * The {@code events} job ({@link EventsDefinition}) on Kafka Streams, the peer a team would pick instead of Flink for
 * a Kafka → Kafka job; the same options, codec, normalisation and output bytes as the Flink job:
 *
 * <pre>
 * input → parse ─valid─→ normalise ─→ output
 *           │                └─→ late? ─no─→ count per key, tumbling event-time windows (grace = out-of-orderness), emitted once on close ─→ counts
 *           │                       └─yes─→ dlq                 ↑
 *           ├─malformed─→ dlq                                   │
 *           └─end of a bounded input's partition ───────────────┘
 * </pre>
 *
 * The input is keyed by event key (as the producer writes it), so the window counts group by the record key with no
 * repartition topic. Window state is an in-memory store with its changelog, as the Flink job keeps its state on the heap.
 * The window store drops late records silently, so {@link LateRouter} applies its rule first and dead-letters them.
 *
 * <p>Bounded ({@code --bounded}): reads up to the input's end offsets at start. Stream time only moves with records,
 * so after a partition's last record {@link Parse} sends one tick down the window path, late enough to close every
 * window of the partition (the tick, under the last record's key, falls in a window that never closes, so it is never
 * in the output). Every step keeps the key, so nothing is repartitioned.
 */
final class KStreamsEventsJob implements AutoCloseable {
    private static final String STORE = "window-counts";

    private final KafkaStreams streams;
    private final String applicationId;
    private final Map<TopicPartition, Long> endOffsets;

    private KStreamsEventsJob(KafkaStreams streams, String applicationId, Map<TopicPartition, Long> endOffsets) {
        this.streams = streams;
        this.applicationId = applicationId;
        this.endOffsets = endOffsets;
    }

    /** Starts the job (threads = {@code --parallelism}); bounded runs read up to the input's end offsets now. */
    static KStreamsEventsJob start(EventsOptions c, Endpoint kafka, Path stateDir) {
        Map<TopicPartition, Long> end = c.bounded ? endOffsets(kafka, c.topic(EventsDefinition.INPUT)) : null;
        Map<Integer, Long> byPartition = end == null ? null
                : end.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
        KafkaStreams streams = new KafkaStreams(topology(c, byPartition), config(c, kafka, stateDir));
        streams.start();
        return new KStreamsEventsJob(streams, c.groupId, end);
    }

    static Topology topology(EventsOptions c, Map<Integer, Long> endOffsets) {
        StreamsBuilder builder = new StreamsBuilder();
        String dlq = c.topic(EventsDefinition.DLQ);
        Produced<byte[], byte[]> bytes = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        Map<String, KStream<byte[], Parsed>> parsed = builder
                .stream(c.topic(EventsDefinition.INPUT), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(() -> new Parse(c.maxRecordBytes, endOffsets, c.window.plus(c.outOfOrderness).toMillis()), Named.as("parse"))
                .split(Named.as("parsed-"))
                .branch((k, p) -> p == Parsed.END_OF_INPUT, Branched.as("end"))
                .branch((k, p) -> p.result.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("malformed"));
        parsed.get("parsed-malformed").process(ToDeadLetter.of(dlq, Parsed::deadLetter), Named.as("malformed-dead-letters")).to(dlq, bytes);

        KStream<byte[], Event> normalized = parsed.get("parsed-valid").processValues(NormalizeEvent::new, Named.as("normalize"));
        normalized.processValues(Encode::new, Named.as("encode")).to(c.topic(EventsDefinition.OUTPUT), bytes);
        if (!c.windowCounts) return builder.build();

        Duration window = c.window, grace = c.outOfOrderness;
        Map<String, KStream<byte[], Timed>> timed = normalized
                .processValues(() -> new LateRouter(window.toMillis(), grace.toMillis()), Named.as("late-router"))
                .split(Named.as("timed-"))
                .branch((k, t) -> t.late, Branched.as("late"))
                .defaultBranch(Branched.as("on-time"));
        timed.get("timed-late").process(ToDeadLetter.of(dlq, Timed::deadLetter), Named.as("late-dead-letters")).to(dlq, bytes);
        timed.get("timed-on-time").mapValues(t -> t.event, Named.as("on-time-events"))
                .merge(parsed.get("parsed-end").mapValues(p -> Parsed.END_EVENT, Named.as("end-tick")), Named.as("to-count"))
                .groupByKey(Grouped.with(Serdes.ByteArray(), null))
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count(Named.as("count"), Materialized.<byte[], Long>as(Stores.inMemoryWindowStore(STORE, window.plus(grace), window, false))
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("closed-windows"))
                .process(ToWindowCount::new, Named.as("window-count"))
                .to(c.topic(EventsDefinition.COUNTS), bytes);
        return builder.build();
    }

    /**
     * The job's options as Kafka Streams settings: application id = group id, {@code exactly_once_v2} or at-least-once
     * committed every {@code --checkpoint-interval}, one stream thread per unit of parallelism; Kafka Streams' defaults
     * otherwise (its record cache, {@code transaction.timeout.ms}).
     */
    static Properties config(EventsOptions c, Endpoint kafka, Path stateDir) {
        Properties p = new Properties();
        p.putAll(kafka.config(Map.of()));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.groupId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                c.delivery == JobOptions.Delivery.EXACTLY_ONCE ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.checkpointInterval.toMillis());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.parallelism == null ? 1 : c.parallelism);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Where a new application starts; a restarted one goes on from its committed offsets whatever --starting-offsets says.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG),
                c.startingOffsets == JobOptions.StartingOffsets.LATEST ? "latest" : "earliest");
        // The Flink job's client settings beyond Kafka's defaults (batching, poll size), as the copy baselines get them too.
        Sinks.PRODUCER_TUNING.forEach((k, v) -> p.put(StreamsConfig.producerPrefix(k), v));
        Sources.CONSUMER_TUNING.forEach((k, v) -> p.put(StreamsConfig.consumerPrefix(k), v));
        // Windows are checked for closing at most once a second by default: a bounded run's end-of-input tick must close
        // them at once, as the end of a bounded Flink source does.
        if (c.bounded) p.put("__emit.interval.ms.kstreams.windowed.aggregation__", 0L);
        return p;
    }

    void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new BenchException(applicationId + ": Kafka Streams is " + streams.state());
            }
            if (System.nanoTime() > deadline) throw new BenchException(applicationId + ": not running after " + timeout);
            pause();
        }
    }

    /** Bounded runs: until the committed offsets of every input partition reach its end offset (its output is committed). */
    void awaitDone(Endpoint kafka, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            while (true) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new BenchException(applicationId + ": Kafka Streams is " + streams.state());
                }
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                if (endOffsets.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException(applicationId + ": committed offsets " + committed + " not at the input's end " + endOffsets
                            + " after " + timeout);
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException e) {
            throw new BenchException(applicationId + ": reading committed offsets failed: " + e.getCause(), e);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(60));
        streams.cleanUp();
    }

    /** The poll period of the waits above: well under the runs' one-percent resolution. */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Endpoint kafka, String topic) {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < partitions; i++) latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException e) {
            throw new BenchException("cannot read the end offsets of " + topic + ": " + e.getCause(), e);
        }
    }

    /** A parsed input record, with the original bytes for a dead letter; or the end of a bounded input's partition. */
    record Parsed(byte[] value, ParseResult result) {
        static final Parsed END_OF_INPUT = new Parsed(null, null);
        /** The end of input on the window path (its record's timestamp is what counts). */
        static final Event END_EVENT = new Event("", 0, "", 0, "");

        /** The malformed record as it came in, with the parser's reason and its coordinates. */
        static DeadLetter deadLetter(Record<byte[], Parsed> r, RecordMetadata source, EventCodec codec) {
            KafkaRecord k = new KafkaRecord();
            k.key = r.key();
            k.value = r.value().value;
            k.timestamp = r.timestamp();
            k.topic = source.topic();
            k.partition = source.partition();
            k.offset = source.offset();
            Header[] headers = r.headers().toArray();
            k.headerKeys = new String[headers.length];
            k.headerValues = new byte[headers.length][];
            for (int i = 0; i < headers.length; i++) {
                k.headerKeys[i] = headers[i].key();
                k.headerValues[i] = headers[i].value();
            }
            return new DeadLetter(k, r.value().result.error());
        }
    }

    /**
     * The events codec, strict JSON, records over {@code --max-record-bytes} rejected. Bounded: after the last record of
     * a partition (whatever becomes of it), {@link Parsed#END_OF_INPUT} a window and a grace period after the highest
     * event time seen, which closes every window. (Not later: the window store's changelog gets the tick's own window,
     * and the broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} ahead of its clock.)
     */
    static final class Parse extends ContextualFixedKeyProcessor<byte[], byte[], Parsed> {
        private final EventCodec codec;
        private final Map<Integer, Long> endOffsets;
        private final long closeAfterMs;
        private long streamTime = Long.MIN_VALUE;

        Parse(int maxRecordBytes, Map<Integer, Long> endOffsets, long closeAfterMs) {
            this.codec = new EventCodec(maxRecordBytes);
            this.endOffsets = endOffsets;
            this.closeAfterMs = closeAfterMs;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> r) {
            context().forward(r.withValue(new Parsed(r.value(), codec.parse(r.value()))));
            if (endOffsets == null) return;
            streamTime = Math.max(streamTime, r.timestamp());
            RecordMetadata source = context().recordMetadata().orElseThrow();
            if (source.offset() + 1 == endOffsets.getOrDefault(source.partition(), -1L)) {
                context().forward(r.withValue(Parsed.END_OF_INPUT).withTimestamp(streamTime + closeAfterMs).withHeaders(new RecordHeaders()));
            }
        }
    }

    /** The Flink job's {@link Normalize}; without the input's headers, as the Flink sink writes none. */
    static final class NormalizeEvent extends ContextualFixedKeyProcessor<byte[], Parsed, Event> {
        private final Normalize normalize = new Normalize();

        @Override
        public void process(FixedKeyRecord<byte[], Parsed> r) {
            Event e = normalize.map(r.value().result.event());
            context().forward(r.withValue(e).withTimestamp(e.ts).withHeaders(new RecordHeaders()));
        }
    }

    /** The normalised event as the Flink job's sink encodes it. */
    static final class Encode extends ContextualFixedKeyProcessor<byte[], Event, byte[]> {
        private final EventCodec codec = new EventCodec();

        @Override
        public void process(FixedKeyRecord<byte[], Event> r) {
            context().forward(r.withValue(codec.encode(r.value())));
        }
    }

    /** A normalised event, and whether it is late for its window. */
    record Timed(Event event, boolean late) {
        /** The Flink job's dead letter of a late event ({@link LateEvents#late}). */
        static DeadLetter deadLetter(Record<byte[], Timed> r, RecordMetadata source, EventCodec codec) {
            return LateEvents.late(r.value().event, codec);
        }
    }

    /**
     * The window store's own rule, applied before it: an event is late when its window ended at least the grace period
     * before the highest event time seen (the stream time of this task, one input partition), when the Flink job's
     * watermark (highest event time less the out-of-orderness) has passed the window's end too.
     */
    static final class LateRouter extends ContextualFixedKeyProcessor<byte[], Event, Timed> {
        private final long windowMs;
        private final long graceMs;
        private long streamTime = Long.MIN_VALUE;

        LateRouter(long windowMs, long graceMs) {
            this.windowMs = windowMs;
            this.graceMs = graceMs;
        }

        @Override
        public void process(FixedKeyRecord<byte[], Event> r) {
            long ts = r.timestamp();
            streamTime = Math.max(streamTime, ts);
            long windowEnd = ts - Math.floorMod(ts, windowMs) + windowMs;
            context().forward(r.withValue(new Timed(r.value(), windowEnd + graceMs <= streamTime)));
        }
    }

    /** What a dead letter is made of, from the record that becomes one. */
    interface DeadLetters<V> {
        DeadLetter of(Record<byte[], V> r, RecordMetadata source, EventCodec codec);
    }

    /** Writes dead letters as the Flink job's dead-letter sink does ({@link DeadLetterSerializer#record}). */
    static final class ToDeadLetter<V> extends ContextualProcessor<byte[], V, byte[], byte[]> {
        private final String topic;
        private final DeadLetters<V> deadLetters;
        private final EventCodec codec = new EventCodec();

        private ToDeadLetter(String topic, DeadLetters<V> deadLetters) {
            this.topic = topic;
            this.deadLetters = deadLetters;
        }

        static <V> ProcessorSupplier<byte[], V, byte[], byte[]> of(String topic, DeadLetters<V> deadLetters) {
            return () -> new ToDeadLetter<>(topic, deadLetters);
        }

        @Override
        public void process(Record<byte[], V> r) {
            ProducerRecord<byte[], byte[]> d = DeadLetterSerializer.record(topic, deadLetters.of(r, context().recordMetadata().orElseThrow(), codec));
            long ts = d.timestamp() == null ? r.timestamp() : d.timestamp();
            context().forward(new Record<>(d.key(), d.value(), ts, d.headers()));
        }
    }

    /** A closed window's count as the Flink job writes it: key = event key, record timestamp = the window's last millisecond. */
    static final class ToWindowCount extends ContextualProcessor<Windowed<byte[]>, Long, byte[], byte[]> {
        private final EventCodec codec = new EventCodec();

        @Override
        public void process(Record<Windowed<byte[]>, Long> r) {
            Windowed<byte[]> w = r.key();
            WindowCount count = new WindowCount(new String(w.key(), StandardCharsets.UTF_8), w.window().start(), w.window().end(), r.value());
            context().forward(new Record<>(w.key(), codec.encode(count), count.end - 1));
        }
    }
}
