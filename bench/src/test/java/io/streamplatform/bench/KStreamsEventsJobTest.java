package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import io.streamplatform.common.events.WindowCount;
import io.streamplatform.job.events.LateEvents;
import io.streamplatform.local.KafkaBroker;
import io.streamplatform.local.PlatformHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka Streams events job's topology, record by record (one partition): malformed records and late events to the
 * dead-letter topic in the Flink job's format, normalised events out in the Flink job's bytes, each window's count once
 * when stream time passes its end plus the grace, and at the end of a bounded input (its stop offset) every window, no
 * end tick in any output and the partition reported done. Kafka Streams looks for closed windows at most once a second
 * of wall-clock time, the driver's clock here.
 */
class KStreamsEventsJobTest {
    private static final long T0 = 1_700_000_000_000L; // a multiple of 10 s: windows [T0, T0+10 s), ...
    /**
     * How often, at most, a window store that emits on close looks for closed windows: Kafka Streams' default, which
     * the job keeps. TopologyTestDriver sets this internal setting to 0 unless it is given; given here, the driver
     * throttles as a real client does.
     */
    private static final Map<String, Long> KAFKA_STREAMS_EMIT_INTERVAL = Map.of("__emit.interval.ms.kstreams.windowed.aggregation__", 1_000L);
    private final EventCodec codec = new EventCodec();

    @TempDir
    Path state;

    private static EventsOptions options(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", "unused:9092", "--group-id", "kstreams-test",
                "--window", "10s", "--out-of-orderness", "2s", "--checkpoint-interval", "1s", "--delivery", "exactly-once"));
        args.addAll(List.of(extra));
        return new EventsDefinition().parse(args);
    }

    private final class Run implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> in;
        final TestOutputTopic<byte[], byte[]> out, counts, dlq;

        final KStreamsEventsJob.Ends ends = new KStreamsEventsJob.Ends();

        Run(EventsOptions c, Map<Integer, Long> stopAt) {
            Properties p = KStreamsEventsJob.config(c, Endpoint.plaintext("unused:9092"), state);
            p.putAll(KAFKA_STREAMS_EMIT_INTERVAL);
            driver = new TopologyTestDriver(KStreamsEventsJob.topology(c, stopAt, ends), p);
            in = driver.createInputTopic(c.topic(EventsDefinition.INPUT), new ByteArraySerializer(), new ByteArraySerializer());
            out = driver.createOutputTopic(c.topic(EventsDefinition.OUTPUT), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            counts = driver.createOutputTopic(c.topic(EventsDefinition.COUNTS), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            dlq = driver.createOutputTopic(c.topic(EventsDefinition.DLQ), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void send(String key, long ts, byte[] value) {
            RecordHeaders h = new RecordHeaders();
            h.add(Headers.RUN, "r".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, h, ts));
        }

        long seq;

        Event event(String key, long ts) {
            Event e = new Event("r", seq++, key, ts, "some text");
            send(key, ts, codec.encode(e));
            return e;
        }

        /** Moves the driver's wall clock on, which runs the wall-clock punctuators due. */
        void wallClock(long ms) {
            driver.advanceWallClockTime(Duration.ofMillis(ms));
        }

        List<WindowCount> windowCounts() {
            return counts.readRecordsToList().stream().map(r -> {
                WindowCount w = codec.decodeWindowCount(r.value());
                assertThat(r.timestamp()).as("a count's timestamp is its window's last millisecond").isEqualTo(w.end - 1);
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(w.key);
                return w;
            }).toList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void normalisesInTheFlinkJobsBytesAndDeadLettersMalformedRecordsAsTheyCameIn() {
        try (Run run = new Run(options(), null)) {
            Event e = run.event("k1", T0 + 5);
            run.send("k2", T0 + 6, "{not json".getBytes(StandardCharsets.UTF_8));

            TestRecord<byte[], byte[]> out = run.out.readRecord();
            assertThat(out.value()).isEqualTo(codec.encode(new io.streamplatform.job.events.Normalize().map(codec.parse(codec.encode(e)).event())));
            assertThat(new String(out.value(), StandardCharsets.UTF_8)).contains("\"text\":\"SOME TEXT\"");
            assertThat(out.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
            assertThat(out.timestamp()).isEqualTo(T0 + 5);
            assertThat(out.headers().toArray()).as("the Flink sink writes no headers").isEmpty();
            assertThat(run.out.isEmpty()).isTrue();

            TestRecord<byte[], byte[]> dead = run.dlq.readRecord();
            assertThat(dead.value()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(dead.key()).isEqualTo("k2".getBytes(StandardCharsets.UTF_8));
            assertThat(dead.timestamp()).isEqualTo(T0 + 6);
            assertThat(header(dead, Headers.RUN)).isEqualTo("r");
            assertThat(header(dead, Headers.DLQ_REASON)).isEqualTo(codec.parse("{not json".getBytes(StandardCharsets.UTF_8)).error());
            assertThat(header(dead, Headers.DLQ_TOPIC)).isEqualTo(options().topic(EventsDefinition.INPUT));
            assertThat(header(dead, Headers.DLQ_PARTITION)).isEqualTo("0");
            assertThat(header(dead, Headers.DLQ_OFFSET)).isEqualTo("1");
            assertThat(run.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void countsEachWindowOnceWhenStreamTimePassesItsEndPlusTheGraceAndDeadLettersLateEvents() {
        try (Run run = new Run(options(), null)) {
            run.event("a", T0 + 1_000);
            run.event("a", T0 + 9_000);
            run.event("b", T0 + 3_000);
            run.event("a", T0 + 11_999); // stream time 11.999 s: [T0, T0+10 s) closes at 12 s, not yet
            assertThat(run.windowCounts()).isEmpty();
            run.event("a", T0 + 9_500);  // within the grace: still counted
            // Kafka Streams looks for closed windows at most once a second of wall-clock time (unbounded runs).
            run.wallClock(1_000);
            run.event("b", T0 + 12_000); // closes [T0, T0+10 s)
            assertThat(run.windowCounts()).containsExactlyInAnyOrder(
                    new WindowCount("a", T0, T0 + 10_000, 3), new WindowCount("b", T0, T0 + 10_000, 1));
            Event late = run.event("a", T0 + 9_999); // its window has been emitted
            assertThat(run.windowCounts()).isEmpty();

            TestRecord<byte[], byte[]> dead = run.dlq.readRecord();
            assertThat(header(dead, Headers.DLQ_REASON)).isEqualTo(LateEvents.LATE_EVENT);
            assertThat(dead.value()).as("the normalised event, as the Flink job dead-letters it")
                    .isEqualTo(codec.encode(new io.streamplatform.job.events.Normalize().map(late)));
            assertThat(dead.timestamp()).isEqualTo(T0 + 9_999);
            assertThat(header(dead, Headers.RUN)).isEqualTo("r");
            assertThat(header(dead, Headers.DLQ_OFFSET)).isEqualTo("-1");
            assertThat(run.dlq.isEmpty()).isTrue();
            assertThat(run.out.readRecordsToList()).as("late events are still normalised").hasSize(7);
        }
    }

    @Test
    void theEndOfABoundedInputClosesEveryWindowWhateverItsLastRecordIs() {
        // Five records at offsets 0..4 of partition 0; the last is malformed.
        try (Run run = new Run(options("--bounded"), Map.of(0, 5L))) {
            run.event("a", T0 + 1_000);
            run.event("b", T0 + 2_000);
            run.event("a", T0 + 15_000);
            run.wallClock(1_000);
            run.event("c", T0 + 31_000);
            assertThat(run.windowCounts()).containsExactlyInAnyOrder(
                    new WindowCount("a", T0, T0 + 10_000, 1), new WindowCount("b", T0, T0 + 10_000, 1),
                    new WindowCount("a", T0 + 10_000, T0 + 20_000, 1));
            run.send("a", T0 + 31_500, "[]".getBytes(StandardCharsets.UTF_8));
            run.wallClock(500);
            assertThat(run.windowCounts()).as("the window store looked for closed windows less than a second ago").isEmpty();
            assertThat(run.ends.emitted).isEmpty();

            run.wallClock(500);
            assertThat(run.windowCounts()).containsExactly(new WindowCount("c", T0 + 30_000, T0 + 40_000, 1));
            assertThat(run.ends.emitted).containsExactly(0);
            for (int i = 0; i < 5; i++) run.wallClock(1_000);
            assertThat(run.counts.isEmpty()).as("no end tick's window, however long the run goes on").isTrue();
            assertThat(run.dlq.readRecordsToList()).hasSize(1);
            assertThat(run.out.readRecordsToList()).hasSize(4);
        }
    }

    @Test
    void readsEachPartitionUpToItsStopOffsetOnlyAndEmitsThePrefixsWindowsOnce() {
        // Partition 0 stops at offset 3: the three records after it would add to a window, dead-letter and close windows.
        try (Run run = new Run(options("--bounded"), Map.of(0, 3L))) {
            List<Event> prefix = List.of(run.event("a", T0 + 1_000), run.event("a", T0 + 12_000), run.event("b", T0 + 13_000));
            run.event("a", T0 + 14_000);
            run.send("b", T0 + 15_000, "{not json".getBytes(StandardCharsets.UTF_8));
            run.event("b", T0 + 60_000);
            run.event("a", T0 - 50_000); // late, were it read

            assertThat(run.out.readRecordsToList()).extracting(TestRecord::value).containsExactlyElementsOf(
                    prefix.stream().map(e -> codec.encode(new io.streamplatform.job.events.Normalize().map(e))).toList());
            for (int i = 0; i < 3; i++) run.wallClock(1_000);
            assertThat(run.windowCounts()).containsExactlyInAnyOrder(new WindowCount("a", T0, T0 + 10_000, 1),
                    new WindowCount("a", T0 + 10_000, T0 + 20_000, 1), new WindowCount("b", T0 + 10_000, T0 + 20_000, 1));
            assertThat(run.ends.emitted).containsExactly(0);

            run.event("c", T0 + 90_000);
            for (int i = 0; i < 3; i++) run.wallClock(1_000);
            assertThat(run.counts.isEmpty()).isTrue();
            assertThat(run.out.isEmpty()).isTrue();
            assertThat(run.dlq.isEmpty()).as("records past the stop offset are not read, so none is dead-lettered").isTrue();
        }
    }

    @Test
    void aPartitionWithNothingToCountIsDoneAtItsStopOffsetWithNoTick() {
        try (Run run = new Run(options("--bounded"), Map.of(0, 2L))) {
            run.send("a", T0, "{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(run.ends.emitted).isEmpty();
            run.send("a", T0 + 1, "[]".getBytes(StandardCharsets.UTF_8));
            assertThat(run.ends.emitted).containsExactly(0);
            run.wallClock(2_000);
            assertThat(run.counts.isEmpty()).isTrue();
            assertThat(run.out.isEmpty()).isTrue();
            assertThat(run.dlq.readRecordsToList()).hasSize(2);
        }
        try (Run run = new Run(options("--bounded", "--no-window-counts"), Map.of(0, 1L))) {
            run.event("a", T0);
            assertThat(run.ends.emitted).containsExactly(0);
            assertThat(run.out.readRecordsToList()).hasSize(1);
        }
        try (Run run = new Run(options("--bounded"), Map.of(0, 0L))) {
            run.event("a", T0);
            run.event("a", T0 + 60_000);
            run.wallClock(2_000);
            assertThat(run.out.isEmpty()).isTrue();
            assertThat(run.counts.isEmpty()).isTrue();
            assertThat(run.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void withoutWindowCountsOnlyNormalises() {
        try (Run run = new Run(options("--no-window-counts"), null)) {
            run.event("a", T0);
            run.event("a", T0 + 60_000);
            assertThat(run.out.readRecordsToList()).hasSize(2);
            assertThat(run.counts.isEmpty()).isTrue();
        }
    }

    /**
     * On a real broker (exactly-once, two threads): a bounded run with stop offsets reads partition 0 up to its stop and
     * partition 1 to its end, {@code awaitDone} returns with every window committed, and {@code close} (again) deletes
     * the window store's changelog; a run that cannot start (its input topic is missing) fails at once, in one line.
     */
    @Test
    @Timeout(240)
    void onABrokerItStopsAtTheStopOffsetsCommitsEveryWindowCleansUpAndFailsFast() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(PlatformHome.locate(), state.resolve("kafka"), Duration.ofSeconds(90));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            Endpoint kafka = Endpoint.plaintext(broker.bootstrap());
            EventsOptions c = brokerOptions(broker.bootstrap(), "ks-end", "--bounded");
            admin.createTopics(List.of(new NewTopic(c.topic(EventsDefinition.INPUT), 2, (short) 1),
                    new NewTopic(c.topic(EventsDefinition.OUTPUT), 1, (short) 1), new NewTopic(c.topic(EventsDefinition.DLQ), 1, (short) 1),
                    new NewTopic(c.topic(EventsDefinition.COUNTS), 1, (short) 1))).all().get();
            long t = System.currentTimeMillis() / 10_000 * 10_000 - 60_000; // the ticks stay in the past of the broker's clock
            List<Event> read = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                String in = c.topic(EventsDefinition.INPUT);
                read.add(produce(producer, in, 0, new Event("r", 0, "a", t + 1_000, "x")));
                read.add(produce(producer, in, 0, new Event("r", 1, "a", t + 12_000, "x")));
                read.add(produce(producer, in, 0, new Event("r", 2, "b", t + 13_000, "x"))); // offset 2, the last before the stop
                produce(producer, in, 0, new Event("r", 3, "a", t + 14_000, "x"));
                producer.send(new ProducerRecord<>(in, 0, t + 15_000, "b".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)));
                read.add(produce(producer, in, 1, new Event("r", 5, "c", t + 2_000, "x")));
                read.add(produce(producer, in, 1, new Event("r", 6, "c", t + 5_000, "x")));
                producer.flush();
            }
            Map<Integer, Long> stopAt = new HashMap<>();
            stopAt.put(0, 3L);
            stopAt.put(1, null);

            try (KStreamsEventsJob job = KStreamsEventsJob.start(c, kafka, state.resolve("kstreams"), stopAt)) {
                job.awaitRunning(Duration.ofSeconds(60));
                job.awaitDone(kafka, Duration.ofSeconds(120));
                // Read before close(): what awaitDone committed (the run ends before a periodic commit).
                assertThat(readCommitted(broker, c.topic(EventsDefinition.COUNTS)).stream().map(r -> codec.decodeWindowCount(r.value())))
                        .containsExactlyInAnyOrder(new WindowCount("a", t, t + 10_000, 1), new WindowCount("a", t + 10_000, t + 20_000, 1),
                                new WindowCount("b", t + 10_000, t + 20_000, 1), new WindowCount("c", t, t + 10_000, 2));
                assertThat(readCommitted(broker, c.topic(EventsDefinition.OUTPUT)).stream().map(ConsumerRecord::value)).containsExactlyInAnyOrderElementsOf(
                        read.stream().map(e -> codec.encode(new io.streamplatform.job.events.Normalize().map(e))).toList());
                assertThat(readCommitted(broker, c.topic(EventsDefinition.DLQ))).isEmpty();
                assertThat(admin.listTopics().names().get()).contains("ks-end-window-counts-changelog");
            }
            assertThat(admin.listTopics().names().get()).noneMatch(n -> n.startsWith("ks-end-"));

            EventsOptions missing = brokerOptions(broker.bootstrap(), "ks-missing");
            long start = System.nanoTime();
            try (KStreamsEventsJob job = KStreamsEventsJob.start(missing, kafka, state.resolve("kstreams"))) {
                assertThatThrownBy(() -> job.awaitRunning(Duration.ofSeconds(120))).isInstanceOf(BenchException.class)
                        .hasMessageStartingWith("ks-missing: Kafka Streams failed: ").hasMessageContaining("MissingSourceTopicException")
                        .message().doesNotContain("\n");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void aFailureIsOneLineWithItsRootCause() {
        // Kafka Streams puts the stack trace of the processor's exception in its message.
        StreamsException inProcess = new StreamsException("Exception caught in process. taskId=0_1, processor=parse, stacktrace="
                + "java.lang.IllegalStateException: boom\n\tat io.streamplatform.bench.X.process(X.java:1)\n", new IllegalStateException("boom"));
        assertThat(KStreamsEventsJob.oneLine(inProcess)).isEqualTo("org.apache.kafka.streams.errors.StreamsException: Exception caught in "
                + "process. taskId=0_1, processor=parse, stacktrace=java.lang.IllegalStateException: boom");
        assertThat(KStreamsEventsJob.oneLine(new StreamsException("task [0_1] failed", new StreamsException(new IllegalStateException("boom")))))
                .isEqualTo("org.apache.kafka.streams.errors.StreamsException: task [0_1] failed (caused by java.lang.IllegalStateException: boom)");
    }

    /**
     * The job's options on {@code bootstrap}: group id {@code group}, topics {@code group.role}, two threads, a commit
     * interval (under Kafka Streams' 10 s transaction timeout) longer than a run takes.
     */
    private static EventsOptions brokerOptions(String bootstrap, String group, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--group-id", group, "--window", "10s", "--out-of-orderness", "2s",
                "--checkpoint-interval", "9s", "--delivery", "exactly-once", "--starting-offsets", "earliest", "--parallelism", "2"));
        for (TopicRole role : List.of(EventsDefinition.INPUT, EventsDefinition.OUTPUT, EventsDefinition.DLQ, EventsDefinition.COUNTS)) {
            args.addAll(List.of(role.flag(), group + "." + role.role()));
        }
        args.addAll(List.of(extra));
        return new EventsDefinition().parse(args);
    }

    private Event produce(KafkaProducer<byte[], byte[]> producer, String topic, int partition, Event e) {
        producer.send(new ProducerRecord<>(topic, partition, e.ts, e.key.getBytes(StandardCharsets.UTF_8), codec.encode(e)));
        return e;
    }

    /** What a read_committed consumer sees in {@code topic} up to its last stable offset. */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaBroker broker, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic + " up to " + end).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
