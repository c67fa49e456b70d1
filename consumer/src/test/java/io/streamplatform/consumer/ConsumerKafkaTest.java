package io.streamplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.clients.CapturedRun;
import io.streamplatform.clients.Scrape;
import io.streamplatform.clients.ScrapedRun;
import io.streamplatform.clients.WithKafkaTestBroker;
import io.streamplatform.common.PrometheusText;
import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.Headers;
import io.streamplatform.common.events.WindowCount;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The consumer against a real broker, with synthetic job output written directly. */
class ConsumerKafkaTest extends WithKafkaTestBroker {
    private static final EventCodec CODEC = new EventCodec();
    private static final long WINDOW_MS = 10_000;

    static CapturedRun run(String... args) {
        return CapturedRun.of((out, err) -> ConsumerApp.run(args, out, err));
    }

    /** The three output topics of the job, under a prefix so tests do not see each other. */
    record Output(String normalized, String counts, String dlq) {
        static Output create(String prefix) throws Exception {
            Output o = new Output(prefix + "-normalized", prefix + "-counts", prefix + "-dlq");
            broker.createTopic(o.normalized, 3);
            broker.createTopic(o.counts, 2);
            broker.createTopic(o.dlq, 1);
            return o;
        }

        /** The consumer's verify arguments, then {@code consumerMore}, then the events job's options (its topics, {@code jobMore}). */
        String[] verifyArgs(String run, long valid, long malformed, List<String> consumerMore, String... jobMore) {
            List<String> a = new ArrayList<>(List.of("--bootstrap", broker.bootstrap(), "--verify", "--run-id", run,
                    "--expect-valid", String.valueOf(valid), "--expect-malformed", String.valueOf(malformed),
                    "--settle", "300ms", "--progress-interval", "200ms"));
            a.addAll(consumerMore);
            a.addAll(List.of("--", "--output-topic", normalized, "--counts-topic", counts, "--dlq-topic", dlq));
            a.addAll(List.of(jobMore));
            return a.toArray(String[]::new);
        }
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p);
    }

    /**
     * Writes what the job would write for a run of {@code n} valid events (those whose seq passes {@code write},
     * plus duplicates of {@code duplicate} seqs) and {@code malformed} dead letters, with correct window counts.
     */
    static void writeRun(Output o, String run, int n, LongPredicate write, long[] duplicate, int malformed, boolean windows) {
        long base = System.currentTimeMillis() - 25_000;
        Map<String, TreeMap<Long, Long>> counts = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (int seq = 0; seq < n; seq++) {
                if (!write.test(seq)) continue;
                Event e = new Event(run, seq, "key-" + (seq % 7), base + seq * 20L, "text " + seq);
                send(p, o.normalized, e, run);
                counts.computeIfAbsent(e.key, k -> new TreeMap<>()).merge(e.ts - Math.floorMod(e.ts, WINDOW_MS), 1L, Long::sum);
            }
            for (long seq : duplicate) send(p, o.normalized, new Event(run, seq, "key-" + (seq % 7), base + seq * 20L, "dup"), run);
            // Another run's records must be ignored.
            send(p, o.normalized, new Event("other-run", 0, "key-0", base, "x"), "other-run");
            for (int i = 0; i < malformed; i++) p.send(dlq(o, run, "not-json: test " + i));
            p.send(dlq(o, "other-run", "not-json: other"));
            if (windows) {
                counts.forEach((key, byStart) -> byStart.forEach((start, count) -> p.send(new ProducerRecord<>(o.counts,
                        key.getBytes(StandardCharsets.UTF_8), CODEC.encode(new WindowCount(key, start, start + WINDOW_MS, count))))));
            }
            p.flush();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String topic, Event e, String run) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, e.key.getBytes(StandardCharsets.UTF_8), CODEC.encode(e));
        r.headers().add(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
        p.send(r);
    }

    private static ProducerRecord<byte[], byte[]> dlq(Output o, String run, String reason) {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(o.dlq, null, "garbage".getBytes(StandardCharsets.UTF_8));
        r.headers().add(new RecordHeader(Headers.RUN, run.getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(Headers.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @Test
    void verifyPassesOnACorrectRun() throws Exception {
        Output o = Output.create("ok");
        writeRun(o, "run-ok", 2000, seq -> true, new long[0], 5, true);
        CapturedRun r = run(o.verifyArgs("run-ok", 2000, 5, List.of(), "--window", WINDOW_MS / 1000 + "s"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern(
                "(?m)^VERIFY run=run-ok out=2000 dlq=5 missing=0 duplicates=0 windows=[1-9]\\d* window_errors=0 "
                        + "p50_ms=\\d+ p99_ms=\\d+ p999_ms=\\d+ verdict=PASS$");
        assertThat(r.out()).containsPattern("(?m)^progress out=2000 dlq=5 windows=[1-9]\\d* caught_up=true complete=true$");
        assertThat(r.out()).doesNotContain("problems:");
    }

    @Test
    void verifyFailsOnAGap() throws Exception {
        Output o = Output.create("gap");
        writeRun(o, "run-gap", 1000, seq -> seq != 500, new long[0], 2, false);
        CapturedRun r = run(o.verifyArgs("run-gap", 1000, 2, List.of("--idle-timeout", "2s"), "--no-window-counts"));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^VERIFY run=run-gap out=999 dlq=2 missing=1 duplicates=0 .* verdict=FAIL$");
        assertThat(r.out()).containsPattern("(?m)^problems: 1 missing; no new record for 2s before the run was complete$");
    }

    @Test
    void verifyFailsOnADuplicate() throws Exception {
        Output o = Output.create("dup");
        writeRun(o, "run-dup", 1000, seq -> true, new long[] {10}, 2, false);
        CapturedRun r = run(o.verifyArgs("run-dup", 1000, 2, List.of(), "--no-window-counts"));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^VERIFY run=run-dup out=1000 dlq=2 missing=0 duplicates=1 .* verdict=FAIL$");
        assertThat(r.out()).containsPattern("(?m)^problems: 1 duplicated$");
    }

    @Test
    void printModeShowsRecordsAndDeadLetterReasons() throws Exception {
        Output o = Output.create("print");
        writeRun(o, "run-print", 3, seq -> true, new long[0], 1, false);
        CapturedRun r = run("--bootstrap", broker.bootstrap(), "--topic", o.normalized + "," + o.dlq, "--max-records", "6",
                "--progress-interval", "0");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines).anyMatch(l -> l.matches(o.normalized + " \\d \\d+ key-1 \\{\"run\":\"run-print\",\"seq\":1,.*\\}"));
        assertThat(lines).anyMatch(l -> l.equals(o.dlq + " 0 0 null garbage dlq.reason=not-json: test 0"));

        CapturedRun grouped = run("--bootstrap", broker.bootstrap(), "--topic", o.dlq, "--group", "g1", "--max-records", "2",
                "--progress-interval", "0");
        assertThat(grouped.out().lines().toList()).hasSize(2);
    }

    @Test
    void missingTopicFailsWithOneLine() {
        CapturedRun r = run("--bootstrap", broker.bootstrap(), "--topic", "absent-topic", "--max-records", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: topic 'absent-topic' does not exist at " + broker.bootstrap());
        CapturedRun v = run("--bootstrap", broker.bootstrap(), "--verify", "--run-id", "r", "--expect-valid", "1", "--expect-malformed", "0");
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err().strip()).isEqualTo("error: topic 'events-normalized' does not exist at " + broker.bootstrap());
    }

    @Test
    void badJobOptionsAndAnUnknownJobAreUsageErrors() {
        CapturedRun bad = run("--bootstrap", broker.bootstrap(), "--verify", "--run-id", "r", "--expect-valid", "1",
                "--expect-malformed", "0", "--", "--window", "5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("error: the events job's options after '--': ").contains("'5' has no unit");
        CapturedRun unknown = run("--job", "nope", "--topic", "x");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("error: unknown job 'nope' (known: events");
    }

    @Test
    void metricsCountTheRecordsReadPerOutputAndTheVerdict() throws Exception {
        Output o = Output.create("metrics");
        int valid = 1500, malformed = 4;
        writeRun(o, "run-metrics", valid, seq -> true, new long[0], malformed, true);
        int windowCounts = readCount(o.counts);
        String[] args = o.verifyArgs("run-metrics", valid, malformed, List.of("--metrics-port", "0"), "--window", WINDOW_MS / 1000 + "s");
        // Scraped when the VERIFY line is printed: the verdict is known and the endpoint still serves.
        ScrapedRun r = ScrapedRun.of("consumer", line -> line.startsWith("VERIFY "), (out, err) -> ConsumerApp.run(args, out, err));
        assertThat(r.run().code()).as(r.run().out() + r.run().err()).isZero();
        assertThat(r.metricsLines()).hasSize(1);
        assertThat(r.run().out().lines().findFirst()).hasValue(r.metricsLines().get(0));
        assertThat(r.url()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
        Scrape s = r.scraped();
        String[] tags = {"app", "consumer", "catalogue_job", "events"};
        // writeRun adds one record of another run to the normalised topic and one to the dead letters: read all the same.
        assertThat(s.value("platform_consumer_records_total", with(tags, "output", "output"))).isEqualTo(valid + 1);
        assertThat(s.value("platform_consumer_records_total", with(tags, "output", "dlq"))).isEqualTo(malformed + 1);
        assertThat(s.value("platform_consumer_records_total", with(tags, "output", "counts"))).isEqualTo(windowCounts);
        assertThat(s.value("platform_consumer_verified", tags)).isEqualTo(1.0);
        double consumed = s.find("kafka_consumer_fetch_manager_records_consumed_total", tags).stream().mapToDouble(PrometheusText.Sample::value).sum();
        assertThat(consumed).isEqualTo(valid + 1 + malformed + 1 + windowCounts);
        assertThat(s.find("kafka_consumer_fetch_manager_fetch_latency_avg", tags)).isNotEmpty();
        assertThat(s.find("jvm_memory_used_bytes", tags)).isNotEmpty();
        assertThatThrownBy(() -> Scrape.of(r.url())).as("the endpoint ends with the run").isInstanceOf(ConnectException.class);

        ScrapedRun failed = ScrapedRun.of("consumer", line -> line.startsWith("VERIFY "), (out, err) -> ConsumerApp.run(
                o.verifyArgs("run-metrics", valid + 1, malformed, List.of("--metrics-port", "0", "--idle-timeout", "1s"),
                        "--window", WINDOW_MS / 1000 + "s"), out, err));
        assertThat(failed.run().code()).isEqualTo(1);
        assertThat(failed.scraped().value("platform_consumer_verified", tags)).as("a FAIL verdict").isZero();
    }

    private static String[] with(String[] tags, String... more) {
        String[] all = java.util.Arrays.copyOf(tags, tags.length + more.length);
        System.arraycopy(more, 0, all, tags.length, more.length);
        return all;
    }

    /** How many records the topic holds (all committed: the test producer is not transactional). */
    private static int readCount(String topic) throws Exception {
        try (var admin = broker.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().values().stream().mapToInt(i -> (int) i.offset()).sum();
        }
    }
}
