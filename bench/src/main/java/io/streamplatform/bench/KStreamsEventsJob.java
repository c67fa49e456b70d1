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
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
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
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
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
 *           └─end of a bounded input's partition: ticks ────────┘
 * </pre>
 *
 * The input is keyed by event key (as the producer writes it), so the window counts group by the record key with no
 * repartition topic. Window state is an in-memory store with its changelog, as the Flink job keeps its state on the heap.
 * The window store drops late records silently, so {@link LateRouter} applies its rule first and dead-letters them.
 * Kafka Streams runs with its defaults beyond the job's options and the Flink job's client tuning ({@link #config}).
 *
 * <p>Bounded ({@code --bounded}): each input partition is read up to a stop offset (exclusive), by default its end
 * offset at start; records at or past it are fetched but dropped. Stream time only moves with records, and a window store
 * that emits on close looks for closed windows only when a record comes, at most once a second of wall-clock time. So
 * after a partition's last record {@link Parse} sends a tick down the window path that closes every window of the
 * partition, then, every {@link #TICK_PERIOD}, a second tick that closes the first tick's window: once the store looks,
 * it emits every window left, the first tick's among them, in the same call. Every step keeps the key, so a tick goes
 * under the key of the partition's last counted event; a tick counts −1, so a window that holds ticks (and only ticks:
 * every tick falls in a window after every event's) has a negative count. {@link ToWindowCount} writes no such window and, on
 * the first, records that the partition's windows are all out ({@link Ends}); {@link #awaitDone} then closes the
 * client, which commits that output.
 */
final class KStreamsEventsJob implements AutoCloseable {
    private static final String STORE = "window-counts";
    /** How often the second end tick is sent until the window store emits the first tick's window. */
    static final Duration TICK_PERIOD = Duration.ofMillis(100);
    /** A bounded run fails when neither a committed offset nor a partition's end has moved for this long. */
    static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    /** How often {@link #awaitDone} reads the committed offsets to see whether the run moves. */
    private static final Duration LOOK_PERIOD = Duration.ofSeconds(1);

    private final KafkaStreams streams;
    private final String applicationId;
    private final Endpoint kafka;
    private final String input;
    /** Bounded runs: each input partition's stop offset; null otherwise. */
    private final Map<Integer, Long> stopAt;
    private final Ends ends;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean closed;

    private KStreamsEventsJob(KafkaStreams streams, String applicationId, Endpoint kafka, String input, Map<Integer, Long> stopAt,
                              Ends ends) {
        this.streams = streams;
        this.applicationId = applicationId;
        this.kafka = kafka;
        this.input = input;
        this.stopAt = stopAt;
        this.ends = ends;
    }

    /** Starts the job (threads = {@code --parallelism}); bounded runs read each input partition up to its end offset now. */
    static KStreamsEventsJob start(EventsOptions c, Endpoint kafka, Path stateDir) {
        return start(c, kafka, stateDir, null);
    }

    /** Bounded (c.bounded): reads each input partition up to stopAt's offset (exclusive); null = its end offset now. */
    static KStreamsEventsJob start(EventsOptions c, Endpoint kafka, Path stateDir, Map<Integer, Long> stopAt) {
        String input = c.topic(EventsDefinition.INPUT);
        if (!c.bounded && stopAt != null) throw new IllegalArgumentException("stop offsets are for bounded runs only");
        Map<Integer, Long> stops = c.bounded ? stopOffsets(kafka, input, stopAt == null ? Map.of() : stopAt) : null;
        Ends ends = new Ends();
        KafkaStreams streams = new KafkaStreams(topology(c, stops, ends), config(c, kafka, stateDir));
        KStreamsEventsJob job = new KStreamsEventsJob(streams, c.groupId, kafka, input, stops, ends);
        streams.setUncaughtExceptionHandler(e -> {
            job.failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return job;
    }

    /**
     * The job's topology; {@code stopAt}: bounded runs' stop offset of each input partition (a partition not in it has
     * nothing to do), null for an unbounded run; {@code ends} gets what the bounded run's tasks report.
     */
    static Topology topology(EventsOptions c, Map<Integer, Long> stopAt, Ends ends) {
        StreamsBuilder builder = new StreamsBuilder();
        String dlq = c.topic(EventsDefinition.DLQ);
        Produced<byte[], byte[]> bytes = Produced.with(Serdes.ByteArray(), Serdes.ByteArray());
        long windowMs = c.window.toMillis(), graceMs = c.outOfOrderness.toMillis();
        Map<String, KStream<byte[], Parsed>> parsed = builder
                .stream(c.topic(EventsDefinition.INPUT), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(() -> new Parse(c.maxRecordBytes, stopAt, c.windowCounts, windowMs, graceMs, ends), Named.as("parse"))
                .split(Named.as("parsed-"))
                .branch((k, p) -> p == Parsed.END_OF_INPUT, Branched.as("end"))
                .branch((k, p) -> p.result.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("malformed"));
        parsed.get("parsed-malformed").process(ToDeadLetter.of(dlq, Parsed::deadLetter), Named.as("malformed-dead-letters")).to(dlq, bytes);

        KStream<byte[], Event> normalized = parsed.get("parsed-valid").processValues(NormalizeEvent::new, Named.as("normalize"));
        normalized.processValues(Encode::new, Named.as("encode")).to(c.topic(EventsDefinition.OUTPUT), bytes);
        if (!c.windowCounts) return builder.build();

        Map<String, KStream<byte[], Timed>> timed = normalized
                .processValues(() -> new LateRouter(windowMs, graceMs), Named.as("late-router"))
                .split(Named.as("timed-"))
                .branch((k, t) -> t.late, Branched.as("late"))
                .defaultBranch(Branched.as("on-time"));
        timed.get("timed-late").process(ToDeadLetter.of(dlq, Timed::deadLetter), Named.as("late-dead-letters")).to(dlq, bytes);
        timed.get("timed-on-time").mapValues(t -> t.event, Named.as("on-time-events"))
                .merge(parsed.get("parsed-end").mapValues(p -> Parsed.END_EVENT, Named.as("end-tick")), Named.as("to-count"))
                .groupByKey(Grouped.with(Serdes.ByteArray(), null))
                .windowedBy(TimeWindows.ofSizeAndGrace(c.window, c.outOfOrderness))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(() -> 0L, (k, e, n) -> e == Parsed.END_EVENT ? n - 1 : n + 1, Named.as("count"),
                        Materialized.<byte[], Long>as(Stores.inMemoryWindowStore(STORE, c.window.plus(c.outOfOrderness), c.window, false))
                                .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("closed-windows"))
                .process(() -> new ToWindowCount(ends), Named.as("window-count"))
                .to(c.topic(EventsDefinition.COUNTS), bytes);
        return builder.build();
    }

    /**
     * The job's options as Kafka Streams settings: application id = group id, {@code exactly_once_v2} or at-least-once
     * committed every {@code --checkpoint-interval}, one stream thread per unit of parallelism; Kafka Streams' defaults
     * otherwise (its record cache, {@code transaction.timeout.ms}, how often closed windows are looked for).
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
        return p;
    }

    /** Which stream thread (by its place in name order) runs the task of each input partition, as assigned now. */
    Map<Integer, Integer> threadOfPartition() {
        Map<Integer, Integer> thread = new TreeMap<>();
        List<org.apache.kafka.streams.ThreadMetadata> threads = new ArrayList<>(streams.metadataForLocalThreads());
        threads.sort(java.util.Comparator.comparing(org.apache.kafka.streams.ThreadMetadata::threadName));
        for (int i = 0; i < threads.size(); i++) {
            for (var task : threads.get(i).activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) thread.put(tp.partition(), i);
            }
        }
        return thread;
    }

    void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            checkAlive();
            if (System.nanoTime() > deadline) throw new BenchException(applicationId + ": not running after " + timeout);
            pause();
        }
    }

    /**
     * Bounded runs: until every input partition has emitted all its windows, then closes the client, which commits that
     * output (the open transaction, or the at-least-once flush and offsets). Fails at once when Kafka Streams fails, and
     * when neither a committed offset nor a partition's end has moved for {@link #STALL}.
     */
    void awaitDone(Endpoint kafka, Duration timeout) {
        if (stopAt == null) throw new IllegalStateException(applicationId + ": an unbounded run is never done");
        long now = System.nanoTime(), deadline = now + timeout.toNanos(), lastMove = now, lastLook = now - LOOK_PERIOD.toNanos();
        Map<TopicPartition, Long> committed = null;
        int ended = -1;
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            while (!pending().isEmpty()) {
                checkAlive();
                now = System.nanoTime();
                if (now - lastLook >= LOOK_PERIOD.toNanos()) {
                    lastLook = now;
                    Map<TopicPartition, Long> offsets = committed(admin);
                    int e = ends.emitted.size();
                    if (!offsets.equals(committed) || e != ended) {
                        committed = offsets;
                        ended = e;
                        lastMove = now;
                    } else if (now - lastMove > STALL.toNanos()) {
                        throw new BenchException(applicationId + ": nothing moved for " + STALL.toSeconds() + " s: committed offsets " + byPartition(committed)
                                + ", stop offsets " + new TreeMap<>(stopAt) + ", partitions " + pending() + " have not emitted all their windows");
                    }
                }
                if (now > deadline) {
                    throw new BenchException(applicationId + ": partitions " + pending() + " have not emitted all their windows after " + timeout
                            + " (committed offsets " + byPartition(committed) + ", stop offsets " + new TreeMap<>(stopAt) + ")");
                }
                pause();
            }
        }
        stop();
    }

    /**
     * Closes the client (again, after {@link #awaitDone}: harmless), cleans its local state up and deletes its internal
     * topics (the window store's changelog), so that a long benchmark does not keep every run's. A failure of Kafka
     * Streams is {@link #awaitRunning}'s and {@link #awaitDone}'s to report.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeClient();
        streams.cleanUp();
        deleteInternalTopics();
    }

    /** Closes the client cleanly (a clean close commits), and fails when Kafka Streams had failed. */
    private void stop() {
        closeClient();
        if (failure.get() != null) throw failed();
    }

    private void closeClient() {
        if (!streams.close(CLOSE_TIMEOUT)) throw new BenchException(applicationId + ": Kafka Streams did not close within " + CLOSE_TIMEOUT);
    }

    private void checkAlive() {
        if (failure.get() != null) throw failed();
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.PENDING_SHUTDOWN) {
            throw new BenchException(applicationId + ": Kafka Streams is " + state);
        }
    }

    private BenchException failed() {
        Throwable e = failure.get();
        return new BenchException(applicationId + ": Kafka Streams failed: " + oneLine(e), e);
    }

    /** The exception's first line (Kafka Streams puts stack traces in some messages), and its root cause's when not in it. */
    static String oneLine(Throwable e) {
        String line = e.toString().lines().findFirst().orElse("").strip();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String rootLine = root.toString().lines().findFirst().orElse("").strip();
        return root == e || line.contains(rootLine) ? line : line + " (caused by " + rootLine + ")";
    }

    /** The input partitions (with something to read) that have not emitted all their windows yet, in order. */
    private Set<Integer> pending() {
        Set<Integer> pending = new TreeSet<>();
        stopAt.forEach((partition, stop) -> {
            if (stop > 0 && !ends.emitted.contains(partition)) pending.add(partition);
        });
        return pending;
    }

    private Map<TopicPartition, Long> committed(Admin admin) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(LOOK_PERIOD.toMillis() * 30, TimeUnit.MILLISECONDS)
                    .forEach((tp, o) -> {
                        if (o != null) offsets.put(tp, o.offset());
                    });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException(applicationId + ": reading committed offsets failed: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** The committed offsets of the input, by partition (none yet: {}). */
    private Map<Integer, Long> byPartition(Map<TopicPartition, Long> committed) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (committed != null) committed.forEach((tp, o) -> {
            if (tp.topic().equals(input)) offsets.put(tp.partition(), o);
        });
        return offsets;
    }

    /** The application's internal topics: its window store's changelog (and repartition topics, were there any). */
    private void deleteInternalTopics() {
        String prefix = applicationId + "-";
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            Set<String> internal = admin.listTopics().names().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix) && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!internal.isEmpty()) admin.deleteTopics(internal).all().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException(applicationId + ": cannot delete its internal topics: " + (e.getCause() == null ? e : e.getCause()), e);
        }
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

    /** Each partition of {@code topic}: its offset in {@code stopAt}, or its end offset now when none is given there. */
    private static Map<Integer, Long> stopOffsets(Endpoint kafka, String topic, Map<Integer, Long> stopAt) {
        try (Admin admin = Admin.create(kafka.config(Map.of()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < partitions; i++) latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            Map<Integer, Long> end = new TreeMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            Map<Integer, Long> stops = new TreeMap<>();
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                Long stop = stopAt.get(e.getKey());
                if (stop != null && (stop < 0 || stop > e.getValue())) {
                    throw new BenchException("stop offset " + stop + " of " + topic + "-" + e.getKey() + " is outside [0, its end offset " + e.getValue() + "]");
                }
                stops.put(e.getKey(), stop == null ? e.getValue() : stop);
            }
            if (!end.keySet().containsAll(stopAt.keySet())) {
                throw new BenchException("stop offsets " + stopAt + " name partitions " + topic + " does not have (it has " + partitions + ")");
            }
            return stops;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        } catch (ExecutionException e) {
            throw new BenchException("cannot read the end offsets of " + topic + ": " + e.getCause(), e);
        }
    }

    /**
     * What the tasks of a bounded run report, shared by the stream threads: the input partitions whose windows have all
     * been emitted, and each partition's first end tick (so that a task moved to another thread after it goes on
     * sending the second).
     */
    static final class Ends {
        final Set<Integer> emitted = ConcurrentHashMap.newKeySet();
        final Map<Integer, FixedKeyRecord<byte[], Parsed>> firstTicks = new ConcurrentHashMap<>();
    }

    /** A parsed input record, with the original bytes for a dead letter; or the end of a bounded input's partition. */
    record Parsed(byte[] value, ParseResult result) {
        static final Parsed END_OF_INPUT = new Parsed(null, null);
        /** An end tick on the window path: counted −1; its record's timestamp is what moves the window store's stream time. */
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
     * The events codec, strict JSON, records over {@code --max-record-bytes} rejected. Bounded: records at or past their
     * partition's stop offset are dropped; after the record just before it (whatever becomes of it), when events of the
     * partition went to the window path ({@code --window-counts}), {@link Parsed#END_OF_INPUT} ticks (see the class
     * comment). The first tick's event time is the end of the highest event time's window plus the grace, which closes
     * every window of the partition; the second's is the end of the first's window plus the grace. (Not later: the
     * window store's changelog gets the ticks' own windows, and the broker refuses timestamps more than
     * {@code log.message.timestamp.after.max.ms} ahead of its clock.) With nothing on the window path the partition's
     * windows are all out at once.
     */
    static final class Parse extends ContextualFixedKeyProcessor<byte[], byte[], Parsed> {
        private final EventCodec codec;
        private final Map<Integer, Long> stopAt;
        private final boolean windowCounts;
        private final long windowMs;
        private final long graceMs;
        private final Ends ends;
        private int partition;
        private long highest = Long.MIN_VALUE;
        /** The partition's last valid event with a key (the window path drops keyless records); its key is the ticks'. */
        private FixedKeyRecord<byte[], byte[]> lastCounted;
        private Cancellable ticking;

        Parse(int maxRecordBytes, Map<Integer, Long> stopAt, boolean windowCounts, long windowMs, long graceMs, Ends ends) {
            this.codec = new EventCodec(maxRecordBytes);
            this.stopAt = stopAt;
            this.windowCounts = windowCounts;
            this.windowMs = windowMs;
            this.graceMs = graceMs;
            this.ends = ends;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], Parsed> context) {
            super.init(context);
            partition = context.taskId().partition();
            FixedKeyRecord<byte[], Parsed> first = stopAt == null ? null : ends.firstTicks.get(partition);
            if (first != null && !ends.emitted.contains(partition)) tickUntilEmitted(first);
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> r) {
            if (stopAt == null) {
                context().forward(r.withValue(new Parsed(r.value(), codec.parse(r.value()))));
                return;
            }
            long offset = context().recordMetadata().orElseThrow().offset(), stop = stopAt.getOrDefault(partition, 0L);
            if (offset >= stop) return;
            ParseResult result = codec.parse(r.value());
            context().forward(r.withValue(new Parsed(r.value(), result)));
            if (result.isValid() && r.key() != null) {
                highest = Math.max(highest, result.event().ts);
                lastCounted = r;
            }
            if (offset + 1 == stop) end();
        }

        private void end() {
            if (!windowCounts || lastCounted == null) {
                ends.emitted.add(partition);
                return;
            }
            FixedKeyRecord<byte[], Parsed> first = lastCounted.withValue(Parsed.END_OF_INPUT)
                    .withTimestamp(windowEnd(highest) + graceMs).withHeaders(new RecordHeaders());
            context().forward(first);
            ends.firstTicks.put(partition, first);
            tickUntilEmitted(first);
        }

        private void tickUntilEmitted(FixedKeyRecord<byte[], Parsed> first) {
            FixedKeyRecord<byte[], Parsed> second = first.withTimestamp(windowEnd(first.timestamp()) + graceMs);
            if (ticking != null) ticking.cancel();
            ticking = context().schedule(TICK_PERIOD, PunctuationType.WALL_CLOCK_TIME, now -> {
                if (ends.emitted.contains(partition)) ticking.cancel();
                else context().forward(second);
            });
        }

        private long windowEnd(long ts) {
            return ts - Math.floorMod(ts, windowMs) + windowMs;
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

    /**
     * A closed window's count as the Flink job writes it: key = event key, record timestamp = the window's last
     * millisecond. A window of end ticks (negative count) is not written; it is emitted with the last windows of its
     * task's input partition, which is then recorded in {@link Ends}.
     */
    static final class ToWindowCount extends ContextualProcessor<Windowed<byte[]>, Long, byte[], byte[]> {
        private final EventCodec codec = new EventCodec();
        private final Ends ends;

        ToWindowCount(Ends ends) {
            this.ends = ends;
        }

        @Override
        public void process(Record<Windowed<byte[]>, Long> r) {
            if (r.value() < 0) {
                ends.emitted.add(context().taskId().partition());
                return;
            }
            Windowed<byte[]> w = r.key();
            WindowCount count = new WindowCount(new String(w.key(), StandardCharsets.UTF_8), w.window().start(), w.window().end(), r.value());
            context().forward(new Record<>(w.key(), codec.encode(count), count.end - 1));
        }
    }
}
