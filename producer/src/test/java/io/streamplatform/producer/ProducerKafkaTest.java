package io.streamplatform.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.clients.CapturedRun;
import io.streamplatform.clients.Scrape;
import io.streamplatform.clients.ScrapedRun;
import io.streamplatform.clients.WithKafkaTestBroker;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.events.ParseResult;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer against a real broker. */
class ProducerKafkaTest extends WithKafkaTestBroker {
    private static final Pattern SUMMARY = Pattern.compile(
            "^SUMMARY run=(\\S+) sent=(\\d+) valid=(\\d+) malformed=(\\d+) failed=(\\d+) elapsed_ms=(\\d+) records_per_s=(\\d+)$",
            Pattern.MULTILINE);

    record Result(int code, String out, String err) {
        Matcher summary() {
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as("SUMMARY line in:\n" + out + "\nstderr:\n" + err).isTrue();
            return m;
        }
    }

    static Result run(byte[] stdin, String... args) {
        CapturedRun r = CapturedRun.of((out, err) -> ProducerApp.run(args, new ByteArrayInputStream(stdin), out, err));
        return new Result(r.code(), r.out(), r.err());
    }

    static Result run(String... args) {
        return run(new byte[0], args);
    }

    /** Reads exactly {@code expected} committed records of the topic (and fails on more within a short grace). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            c.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        assertThat(records).hasSize(expected);
        return records;
    }

    @Test
    void generatedRunHasExactCountsSeqsAndHeaders() throws Exception {
        String topic = "gen-events";
        broker.createTopic(topic, 3);
        int n = 3000;
        Result r = run("--bootstrap", broker.bootstrap(), "--topic", topic, "--run-id", "run-gen", "--count", String.valueOf(n),
                "--malformed-fraction", "0.1", "--seed", "7", "--keys", "20", "--text-bytes", "40");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher s = r.summary();
        assertThat(s.group(1)).isEqualTo("run-gen");
        assertThat(Long.parseLong(s.group(2))).isEqualTo(n);
        long valid = Long.parseLong(s.group(3)), malformed = Long.parseLong(s.group(4));
        assertThat(valid + malformed).isEqualTo(n);
        assertThat(malformed).isEqualTo(new MalformedPlan(0.1).malformedIn(n)).isEqualTo(300);
        assertThat(s.group(5)).isEqualTo("0");

        EventCodec codec = new EventCodec();
        BitSet seqs = new BitSet();
        long validSeen = 0, malformedSeen = 0;
        Set<String> kinds = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(topic, n)) {
            Header run = rec.headers().lastHeader(Headers.RUN);
            assertThat(run).isNotNull();
            assertThat(new String(run.value(), StandardCharsets.UTF_8)).isEqualTo("run-gen");
            ParseResult pr = codec.parse(rec.value());
            if (pr.isValid()) {
                validSeen++;
                int seq = Math.toIntExact(pr.event().seq);
                assertThat(seqs.get(seq)).as("seq %d twice", seq).isFalse();
                seqs.set(seq);
                assertThat(pr.event().run).isEqualTo("run-gen");
                assertThat(pr.event().text).hasSize(40);
                assertThat(new String(rec.key(), StandardCharsets.UTF_8)).isEqualTo(pr.event().key).matches("key-(1?[0-9])");
            } else {
                malformedSeen++;
                kinds.add(pr.error().substring(0, pr.error().indexOf(':')));
            }
        }
        assertThat(validSeen).isEqualTo(valid);
        assertThat(malformedSeen).isEqualTo(malformed);
        assertThat(seqs.cardinality()).isEqualTo((int) valid);
        assertThat(seqs.nextClearBit(0)).isEqualTo((int) valid);
        assertThat(kinds).containsExactly("missing-field", "not-json", "not-utf8", "oversized", "wrong-type");

    }

    @Test
    void transactionalRunIsVisibleToReadCommitted() throws Exception {
        String topic = "tx-events";
        broker.createTopic(topic, 2);
        Result r = run("--bootstrap", broker.bootstrap(), "--topic", topic, "--run-id", "run-tx", "--count", "5000",
                "--transactional-id", "producer-test-tx", "--tx-interval", "20ms", "--malformed-fraction", "0.02");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher s = r.summary();
        assertThat(s.group(2)).isEqualTo("5000");
        assertThat(s.group(5)).isEqualTo("0");
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 5000);
        assertThat(records).allSatisfy(rec -> assertThat(rec.headers().lastHeader(Headers.RUN)).isNotNull());
    }

    @Test
    void fileAndStdinLinesAreSentAsIs(@TempDir Path tmp) throws Exception {
        String topic = "line-events";
        broker.createTopic(topic, 1);
        String valid1 = "{\"run\":\"in\",\"seq\":0,\"key\":\"k\",\"ts\":1,\"text\":\"a\"}";
        String valid2 = "{\"run\":\"in\",\"seq\":1,\"key\":\"k\",\"ts\":2,\"text\":\"b\"}";
        Path file = tmp.resolve("lines.txt");
        Files.writeString(file, valid1 + "\n" + "not json at all\r\n" + valid2 + "\n");
        Result r = run("--bootstrap", broker.bootstrap(), "--topic", topic, "--run-id", "run-file", "--input", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Matcher s = r.summary();
        assertThat(s.group(2) + "/" + s.group(3) + "/" + s.group(4)).isEqualTo("3/2/1");

        Result stdin = run("last line without newline\nsecond".getBytes(StandardCharsets.UTF_8),
                "--bootstrap", broker.bootstrap(), "--topic", topic, "--run-id", "run-stdin", "--input", "-");
        assertThat(stdin.code()).as(stdin.err()).isZero();
        assertThat(stdin.summary().group(2)).isEqualTo("2");

        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(topic, 5)) {
            assertThat(rec.key()).isNull();
            assertThat(rec.headers().lastHeader(Headers.RUN)).isNotNull();
            values.add(new String(rec.value(), StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactly(valid1, "not json at all", valid2, "last line without newline", "second");
    }

    @Test
    void rateIsPaced() throws Exception {
        String topic = "paced-events";
        broker.createTopic(topic, 1);
        Result r = run("--bootstrap", broker.bootstrap(), "--topic", topic, "--rate", "5000", "--duration", "1500ms",
                "--progress-interval", "500ms");
        assertThat(r.code()).as(r.err()).isZero();
        long sent = Long.parseLong(r.summary().group(2));
        assertThat(sent).isBetween(7000L, 7600L);
        assertThat(r.out()).containsPattern("(?m)^progress sent=\\d+ acked=\\d+ failed=0 rate=\\d+/s$");
    }

    @Test
    void missingTopicFailsWithOneLine() {
        Result r = run("--bootstrap", broker.bootstrap(), "--topic", "no-such-topic", "--count", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: topic 'no-such-topic' does not exist at " + broker.bootstrap());
    }

    /** A job with two inputs: each generated record goes to the topic of its role, the catalogue's named by --role-topic. */
    @Test
    void aJobWithTwoInputsGetsEachRecordOnItsRolesTopic() throws Exception {
        broker.createTopic("rec-watches", 2);
        broker.createTopic("rec-catalogue", 1);
        int n = 3_000;
        // What the job's generator makes of the same settings (the producer's default seed and text size).
        var generator = io.streamplatform.common.catalogue.Catalogue.get("recommendations").generator(
                new io.streamplatform.common.catalogue.GeneratorSettings("x", 10, 32, 0.01, 42, n));
        int toCatalogue = 0;
        for (int i = 0; i < n && generator.next(); i++) if ("videos".equals(generator.role())) toCatalogue++;
        assertThat(toCatalogue).as("the initial catalogue and some malformed catalogue records").isGreaterThan(300);

        Result r = run("--bootstrap", broker.bootstrap(), "--job", "recommendations", "--topic", "rec-watches",
                "--role-topic", "videos=rec-catalogue", "--run-id", "run-two", "--count", String.valueOf(n), "--keys", "10",
                "--malformed-fraction", "0.01", "--progress-interval", "0");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = r.summary();
        assertThat(m.group(2)).isEqualTo(String.valueOf(n));
        assertThat(m.group(4)).isEqualTo("30");
        List<ConsumerRecord<byte[], byte[]>> catalogue = readAll("rec-catalogue", toCatalogue);
        readAll("rec-watches", n - toCatalogue);
        assertThat(catalogue).allSatisfy(c -> assertThat(new String(c.headers().lastHeader(Headers.RUN).value(), StandardCharsets.UTF_8)).isEqualTo("run-two"));
        assertThat(new String(catalogue.get(0).value(), StandardCharsets.UTF_8)).contains("\"category\"", "\"duration_ms\"");

        Result bad = run("--bootstrap", broker.bootstrap(), "--job", "recommendations", "--role-topic", "clips=x");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--role-topic: the recommendations job has no other input role 'clips' (it has videos)");
        Result missing = run("--bootstrap", broker.bootstrap(), "--job", "recommendations", "--topic", "rec-watches", "--count", "10",
                "--timeout", "2s");
        assertThat(missing.code()).as("the catalogue's default topic does not exist here").isEqualTo(2);
        assertThat(missing.err()).contains("video-catalogue");
    }

    @Test
    void metricsCountEveryAckedRecordAndServeTheKafkaProducersOwn() throws Exception {
        String topic = "metrics-events";
        broker.createTopic(topic, 2);
        int n = 2000;
        String[] args = {"--bootstrap", broker.bootstrap(), "--topic", topic, "--run-id", "run-metrics", "--count", String.valueOf(n),
                "--malformed-fraction", "0.1", "--progress-interval", "0", "--metrics-port", "0"};
        // Scraped when the SUMMARY line is printed: every send has completed, and the endpoint still serves.
        ScrapedRun r = ScrapedRun.of("producer", line -> line.startsWith("SUMMARY "),
                (out, err) -> ProducerApp.run(args, new ByteArrayInputStream(new byte[0]), out, err));
        assertThat(r.run().code()).as(r.run().err()).isZero();
        assertThat(r.metricsLines()).hasSize(1);
        assertThat(r.run().out().lines().findFirst()).hasValue(r.metricsLines().get(0));
        assertThat(r.url()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        Scrape s = r.scraped();
        assertThat(s.value("platform_producer_records_total", "app", "producer", "catalogue_job", "events", "outcome", "acked")).isEqualTo(n);
        assertThat(s.value("platform_producer_records_total", "app", "producer", "catalogue_job", "events", "outcome", "failed")).isZero();
        assertThat(s.value("kafka_producer_record_send_total", "app", "producer", "catalogue_job", "events", "client_id", "producer-run-metrics"))
                .isEqualTo(n);
        assertThat(s.value("kafka_producer_record_error_total")).isZero();
        assertThat(s.value("kafka_producer_record_retry_total")).isZero();
        assertThat(s.value("kafka_producer_request_latency_avg")).isPositive();
        assertThat(s.find("jvm_memory_used_bytes", "app", "producer")).isNotEmpty();
        assertThatThrownBy(() -> Scrape.of(r.url())).as("the endpoint ends with the run").isInstanceOf(ConnectException.class);
    }

    /** The process, with its metrics flags from the environment (as a pod may set them): scraped while it sends. */
    @Test
    void theProcessTakesItsMetricsFlagsFromTheEnvironment() throws Exception {
        String topic = "metrics-env-events";
        broker.createTopic(topic, 1);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProducerApp.class.getName(),
                "--bootstrap", broker.bootstrap(), "--topic", topic, "--count", "400", "--rate", "200", "--progress-interval", "0");
        pb.environment().put("PRODUCER_METRICS_PORT", "0");
        pb.environment().put("PRODUCER_METRICS_HOST", "127.0.0.2"); // loopback, and not the default
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = stdout.readLine();
            assertThat(first).matches("metrics producer http://127\\.0\\.0\\.2:\\d+/metrics");
            String url = first.substring("metrics producer ".length());
            assertThat(Scrape.of(url).value("platform_producer_records_total", "app", "producer", "outcome", "acked"))
                    .as("served from the start").isZero();
            Scrape sending = Awaitility.await("the Kafka producer's metrics").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Scrape.of(url), s -> !s.find("kafka_producer_record_send_total").isEmpty());
            assertThat(sending.value("platform_producer_records_total", "app", "producer", "outcome", "acked")).isBetween(0.0, 400.0);
            List<String> rest = stdout.lines().toList();
            assertThat(rest).anyMatch(l -> l.startsWith("SUMMARY ") && l.contains(" sent=400 ") && l.contains(" failed=0 "));
            assertThat(rest).noneMatch(l -> l.startsWith("metrics "));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
