package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.ParseResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pipeline up} as a user runs it: a separate process, fed and read by plain kafka-clients as outside
 * clients; SIGTERM stops the job with a savepoint and leaves no process behind; a second {@code up} on the same work
 * directory resumes from that savepoint (no event out twice across the restart). Bad input: a port in use, a work
 * directory in use.
 */
class UpModeTest {
    private static final EventCodec CODEC = new EventCodec();

    @TempDir
    Path dir;

    private final List<PipelineProcess> started = new ArrayList<>();

    @AfterEach
    void endWhatIsLeft() throws InterruptedException {
        for (PipelineProcess p : started) p.end();
    }

    private PipelineProcess up(Path work, int kafkaPort, int uiPort) throws IOException {
        PipelineProcess p = PipelineProcess.start("up", "--kafka-port", Integer.toString(kafkaPort), "--ui-port", Integer.toString(uiPort),
                "--work-dir", work.toString(), "--partitions", "2");
        started.add(p);
        return p;
    }

    @Test
    void runsUntilSignalledStopsWithASavepointAndResumesFromIt() throws Exception {
        int kafkaPort = freePort();
        int uiPort = freePort();
        Path work = dir.resolve("up");

        PipelineProcess first = up(work, kafkaPort, uiPort);
        Map<String, String> ready = first.awaitLine("UP ");
        String bootstrap = ready.get("bootstrap");
        assertThat(bootstrap).isEqualTo("127.0.0.1:" + kafkaPort);
        assertThat(ready).containsEntry("ui", "http://127.0.0.1:" + uiPort).containsEntry("jobs", "events");
        assertThat(first.output()).contains("reads  input    events", "writes output   events-normalized");
        assertThat(get(URI.create("http://127.0.0.1:" + uiPort + "/jobs/overview"))).contains("\"state\":\"RUNNING\"");
        assertThat(get(URI.create("http://127.0.0.1:" + uiPort + "/"))).as("the web UI").contains("<html");

        // Event times inside one 5 s window (local mode's window for events) a minute back: it stays open across the
        // restart, so its count is right only if the window's state came back from the savepoint.
        long window = (System.currentTimeMillis() / 5_000) * 5_000 - 60_000;
        produce(bootstrap, "up-1", 0, 300, window);
        assertThat(readNormalized(bootstrap, 300)).as("seqs out after the first start").hasSize(300);

        List<ProcessHandle> children = first.process.descendants().toList();
        assertThat(children).as("the broker runs as a child").isNotEmpty();
        PipelineProcess.Ended stopped = first.terminate();
        assertThat(stopped.code()).as(stopped.output()).isZero();
        assertThat(stopped.output()).contains("==> Stopping job events with a savepoint", "Stopped. Resume with: ./pipeline up --work-dir " + work);
        assertThat(children).as("processes left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(LocalUp.savepointFile(work, "events")).exists();

        PipelineProcess second = up(work, kafkaPort, uiPort);
        second.awaitLine("UP ");
        assertThat(second.output()).contains("Job events running, resumed from file:");
        produce(bootstrap, "up-1", 300, 450, window);
        Map<Long, Integer> seqs = readNormalized(bootstrap, 450);
        assertThat(seqs).hasSize(450);
        assertThat(seqs.values()).as("no event out twice across the restart").allMatch(n -> n == 1);
        produce(bootstrap, "up-later", 0, 1, window + 60_000); // moves event time past the window: it fires
        assertThat(windowCount(bootstrap, window)).as("the window's count, from events on both sides of the restart").isEqualTo(450);
        PipelineProcess.Ended again = second.interrupt();
        assertThat(again.code()).as("exit after Ctrl-C (SIGINT): " + again.output()).isZero();
        assertThat(again.output()).contains("==> Stopping job events with a savepoint");
    }

    @Test
    void secureUpGivesTheProducerAndTheConsumerAUserEach() throws Exception {
        Path work = dir.resolve("secure");
        PipelineProcess up = PipelineProcess.start("up", "--secure", "--kafka-port", Integer.toString(freePort()), "--ui-port",
                Integer.toString(freePort()), "--work-dir", work.toString(), "--partitions", "2");
        started.add(up);
        Map<String, String> ready = up.awaitLine("UP ");
        String bootstrap = ready.get("bootstrap");
        assertThat(ready).containsEntry("secure", "true");
        Path producer = work.resolve("security/producer.properties"), consumer = work.resolve("security/consumer.properties");
        assertThat(up.output()).contains("Users and ACLs: job-events: Read topic events, Read group up-events,",
                        "producer: Write topic events; consumer: Read topic events-normalized, Read topic event-counts, Read topic events-dlq")
                .contains("producer.jar --bootstrap " + bootstrap + " --client-config " + producer + " --job events",
                        "consumer.jar --bootstrap " + bootstrap + " --client-config " + consumer + " --job events");

        assertThat(app("producer", work, "--bootstrap", bootstrap, "--client-config", producer.toString(), "--job", "events",
                "--count", "200", "--rate", "0")).as("the producer writes as its user").isZero();
        assertThat(app("consumer", work, "--bootstrap", bootstrap, "--client-config", consumer.toString(), "--topic", "events-normalized",
                "--max-records", "150")).as("the consumer reads the job's output as its user").isZero();
        assertThat(app("producer", work, "--bootstrap", bootstrap, "--client-config", consumer.toString(), "--job", "events",
                "--count", "1")).as("the consumer's user may not write the input").isNotZero();
        assertThat(Files.readString(work.resolve("producer-3.log"))).contains("error: not authorized by Kafka at " + bootstrap);
        PipelineProcess.Ended stopped = up.terminate();
        assertThat(stopped.code()).as(stopped.output()).isZero();
    }

    private int apps;

    /** Runs an app jar as its own JVM to its end; returns its exit code (its output is in {@code <app>-<n>.log}). */
    private int app(String app, Path work, String... args) throws Exception {
        return AppRun.of(app, work.resolve(app + "-" + ++apps + ".log"), List.of(args)).exit();
    }

    @Test
    void aPortOrAWorkDirectoryInUseIsAOneLineErrorAndStartsNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("busy"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PipelineRun run = PipelineRun.of("up", "--kafka-port", Integer.toString(taken.getLocalPort()), "--ui-port", Integer.toString(freePort()),
                    "--work-dir", work.toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: port " + taken.getLocalPort() + " on 127.0.0.1 (--kafka-port) is already in use");
        }
        try (var channel = java.nio.channels.FileChannel.open(work.resolve(".lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
            PipelineRun run = PipelineRun.of("up", "--kafka-port", Integer.toString(freePort()), "--ui-port", Integer.toString(freePort()), "--work-dir", work.toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: work directory " + work.toAbsolutePath().normalize() + " is in use by another `pipeline up`");
        }
        PipelineRun unknown = PipelineRun.of("up", "--job", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown job 'nope' (known: " + String.join(", ", io.streamplatform.common.catalogue.Catalogue.names()) + ")");
        assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() != SharedKafka.pid())).as("nothing started").isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** Events {@code fromSeq..toSeq-1} of a run, event time {@code firstTs + seq} ms, to the events topic. */
    private static void produce(String bootstrap, String run, long fromSeq, long toSeq, long firstTs) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long seq = fromSeq; seq < toSeq; seq++) {
                long ts = firstTs + seq;
                Event e = new Event(run, seq, "key-" + seq % 5, ts, "hello " + seq);
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>("events", null, ts, e.key.getBytes(StandardCharsets.UTF_8), CODEC.encode(e));
                r.headers().add(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
                p.send(r);
            }
            p.flush();
        }
    }

    /** Reads the normalised topic from the start (read_committed) until {@code expected} distinct seqs are out; seq → times seen. */
    private static Map<Long, Integer> readNormalized(String bootstrap, int expected) {
        Map<Long, Integer> seen = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = fromStart(bootstrap, "events-normalized")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    ParseResult parsed = CODEC.parse(r.value());
                    assertThat(parsed.isValid()).isTrue();
                    assertThat(parsed.event().text).isEqualTo("HELLO " + parsed.event().seq);
                    if (parsed.event().run.equals("up-1")) seen.merge(parsed.event().seq, 1, Integer::sum);
                }
                if (seen.size() >= expected && settleUntil == Long.MAX_VALUE) settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
        }
        return seen;
    }

    /** The sum over keys of the counts of the window starting at {@code start}, once every key's count is out. */
    private static long windowCount(String bootstrap, long start) {
        Map<String, Long> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = fromStart(bootstrap, "event-counts")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (counts.size() < 5 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    var count = CODEC.decodeWindowCount(r.value());
                    if (count.start == start) counts.put(count.key, count.count);
                }
            }
        }
        assertThat(counts).as("a count for each of the 5 keys").hasSize(5);
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A read_committed consumer (the outside client) on every partition of {@code topic}, from the beginning. */
    private static KafkaConsumer<byte[], byte[]> fromStart(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = c.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

}
