package io.streamplatform.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.streamplatform.clients.AppMetrics;
import io.streamplatform.clients.CliApp;
import io.streamplatform.clients.ClientConfigOption;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.clients.MetricsOptions;
import io.streamplatform.clients.Preflight;
import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;

/**
 * The consumer app: prints records, or verifies one producer run end to end through a catalogue job's output topics.
 * {@link #run} is the whole program without {@code System.exit}, for tests.
 */
public final class ConsumerApp extends CliApp {
    private static final Duration POLL = Duration.ofMillis(100);

    private volatile boolean stopRequested;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Duration timeout = Duration.ofSeconds(15);

    ConsumerApp(PrintStream out, PrintStream err) {
        super(out, err);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false,
                StandardCharsets.UTF_8);
        new ConsumerApp(out, System.err).runAsProcess(args, "consumer-shutdown");
    }

    /** Runs the consumer; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new ConsumerApp(out, err).execute(args);
    }

    @Override
    protected void requestStop() {
        stopRequested = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    @Override
    protected Duration shutdownWait() {
        return timeout.plusSeconds(5);
    }

    @Override
    protected void onShutdownTimeout() {
        out.flush();
    }

    @Override
    protected int parseAndRun(String[] args) {
        ConsumerOptions opts = new ConsumerOptions();
        CommandLine cl = new CommandLine(opts);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        MetricsOptions metricsOpts = MetricsOptions.addTo(cl, "CONSUMER");
        ClientConfigOption clientConfig = ClientConfigOption.addTo(cl);
        OptionalInt stop = parse(cl, args, () -> {
            opts.validate();
            metricsOpts.validate();
        });
        if (stop.isPresent()) return stop.getAsInt();
        try {
            opts.security = clientConfig.load();
        } catch (ClientConfig.Invalid e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        timeout = opts.timeout;
        AppMetrics metrics = startMetrics(metricsOpts, "consumer", opts.definition.name());
        if (metrics == null) return EXIT_USAGE;
        try (metrics) {
            return consume(opts, metrics);
        }
    }

    private int consume(ConsumerOptions opts, AppMetrics metrics) {
        Verifier verifier = null;
        Map<String, String> roleOfTopic = new LinkedHashMap<>();
        if (opts.verify) {
            verifier = opts.definition.verifierFor(opts.jobOptions, new RunFacts(opts.runId, opts.expectValid, opts.expectMalformed));
            for (String role : verifier.roles()) roleOfTopic.put(opts.jobOptions.topics().get(role), role);
        }
        List<String> topics = opts.verify ? List.copyOf(roleOfTopic.keySet()) : opts.topics;
        // The app's meters are served from the start, at 0.
        Map<String, Counter> recordsOfTopic = new LinkedHashMap<>();
        (opts.verify ? roleOfTopic : outputsOf(opts)).forEach((topic, output) -> recordsOfTopic.put(topic,
                Counter.builder("platform.consumer.records")
                        .description("Records read, by output: the topic's role in the job (or the topic, when it plays none)")
                        .tag("output", output)
                        .register(metrics.registry())));
        AtomicInteger verified = new AtomicInteger();
        if (opts.verify) {
            Gauge.builder("platform.consumer.verified", verified, AtomicInteger::get)
                    .description("1 once the run verified PASS, 0 before and on FAIL")
                    .strongReference(true)
                    .register(metrics.registry());
        }
        Map<String, TopicDescription> described;
        try {
            described = Preflight.check(opts.bootstrap, opts.security, topics, opts.timeout,
                    "consumer-preflight" + (opts.runId == null ? "" : "-" + opts.runId));
        } catch (Preflight.Failure f) {
            err.println("error: " + f.getMessage());
            return EXIT_USAGE;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : described.values()) {
            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
        }
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(opts))) {
            consumer = c;
            metrics.bind(c);
            if (stopRequested) c.wakeup();
            return opts.verify ? verify(opts, verifier, roleOfTopic, recordsOfTopic, verified, c, partitions)
                    : print(opts, recordsOfTopic, c, partitions);
        } catch (WakeupException e) {
            return EXIT_OK; // stopped before the first poll
        } catch (KafkaException e) {
            out.flush();
            err.println("error: " + Preflight.refusal(opts.bootstrap, e).orElse(Preflight.rootMessage(e)));
            return EXIT_USAGE;
        } finally {
            consumer = null;
        }
    }

    /** Print mode: each topic read and its output label, the job's role of that name (by default name) or the topic. */
    private static Map<String, String> outputsOf(ConsumerOptions o) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String topic : o.topics) {
            outputs.put(topic, o.definition.topics().stream().filter(t -> t.kind() != TopicRole.Kind.INPUT && t.defaultName().equals(topic))
                    .map(TopicRole::role).findFirst().orElse(topic));
        }
        return outputs;
    }

    private Properties consumerProps(ConsumerOptions o) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, o.timeout.toMillis());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "consumer-" + (o.verify ? "verify-" + o.runId : "print"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, 1000));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1); // answer as soon as anything is committed: latency is measured here
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        if (!o.verify && o.group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, o.group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, o.from == ConsumerOptions.From.end ? "latest" : "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        } else {
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        p.putAll(o.security); // --client-config: security settings only
        return p;
    }

    // ---------------------------------------------------------------- print mode

    private int print(ConsumerOptions o, Map<String, Counter> recordsOfTopic, KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        if (o.group != null) {
            c.subscribe(o.topics);
        } else {
            c.assign(partitions);
            if (o.from == ConsumerOptions.From.end) c.seekToEnd(partitions);
            else c.seekToBeginning(partitions);
        }
        long start = System.nanoTime();
        long durationNanos = o.duration.toNanos();
        long progressNanos = o.progressInterval.toNanos();
        long nextProgress = start + progressNanos;
        long printed = 0;
        StringBuilder line = new StringBuilder(256);
        try {
            while (!stopRequested) {
                long now = System.nanoTime();
                if (durationNanos > 0 && now - start >= durationNanos) break;
                if (o.maxRecords > 0 && printed >= o.maxRecords) break;
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (o.maxRecords > 0 && printed >= o.maxRecords) break;
                    line.setLength(0);
                    line.append(r.topic()).append(' ').append(r.partition()).append(' ').append(r.offset()).append(' ')
                            .append(r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8)).append(' ')
                            .append(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
                    Header reason = r.headers().lastHeader(Headers.DLQ_REASON);
                    if (reason != null && reason.value() != null) {
                        line.append(" dlq.reason=").append(new String(reason.value(), StandardCharsets.UTF_8));
                    }
                    out.println(line);
                    printed++;
                    recordsOfTopic.get(r.topic()).increment();
                }
                if (!records.isEmpty()) out.flush();
                if (progressNanos > 0 && System.nanoTime() >= nextProgress) {
                    err.println("progress printed=" + printed);
                    nextProgress += progressNanos;
                }
            }
        } catch (WakeupException stopped) {
            // Ctrl-C / SIGTERM
        }
        out.flush();
        return EXIT_OK;
    }

    // ---------------------------------------------------------------- verify mode

    private int verify(ConsumerOptions o, Verifier verifier, Map<String, String> roleOfTopic, Map<String, Counter> recordsOfTopic,
            AtomicInteger verified, KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        c.assign(partitions);
        c.seekToBeginning(partitions);

        long progressNanos = o.progressInterval.toNanos();
        long settleNanos = o.settle.toNanos();
        long idleNanos = o.idleTimeout.toNanos();
        long start = System.nanoTime();
        long nextProgress = start + progressNanos;
        long lastRecord = start;
        long completeSince = -1;
        boolean idle = false;
        try {
            while (!stopRequested) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                long consumedAt = System.currentTimeMillis();
                long now = System.nanoTime();
                if (!records.isEmpty()) {
                    lastRecord = now;
                    for (TopicPartition tp : records.partitions()) {
                        String role = roleOfTopic.get(tp.topic());
                        List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
                        recordsOfTopic.get(tp.topic()).increment(list.size());
                        for (int i = 0, n = list.size(); i < n; i++) {
                            ConsumerRecord<byte[], byte[]> r = list.get(i);
                            verifier.accept(role, new Verifier.VerifiedRecord(r.key(), r.value(), r.timestamp(), name -> lastHeader(r, name)), consumedAt);
                        }
                    }
                }
                if (completeSince < 0 && verifier.complete()) completeSince = now;
                if (progressNanos > 0 && now >= nextProgress) {
                    progress(verifier, completeSince >= 0);
                    nextProgress += progressNanos;
                    if (nextProgress < now) nextProgress = now + progressNanos;
                }
                if (completeSince >= 0 && now - completeSince >= settleNanos) break;
                if (now - lastRecord >= idleNanos) {
                    idle = completeSince < 0;
                    break;
                }
            }
        } catch (WakeupException stopped) {
            // Ctrl-C / SIGTERM: report what we have
        }
        if (progressNanos > 0) progress(verifier, completeSince >= 0);
        Verifier.Verdict verdict = verifier.verdict();
        verified.set(verdict.passed() ? 1 : 0);
        out.println("VERIFY run=" + o.runId + " " + keyValues(verdict.figures()) + " verdict=" + (verdict.passed() ? "PASS" : "FAIL"));
        verdict.summary().forEach(line -> out.println("summary: " + line));
        if (!verdict.passed()) {
            String problems = verdict.problems();
            if (idle) {
                String why = "no new record for " + Preflight.format(o.idleTimeout) + " before the run was complete";
                problems = problems.isEmpty() ? why : problems + "; " + why;
            }
            if (stopRequested && completeSince < 0) problems = problems + "; stopped before the run was complete";
            out.println("problems: " + problems);
        }
        out.flush();
        return verdict.passed() ? EXIT_OK : EXIT_FAILED;
    }

    private static String keyValues(Map<String, ?> figures) {
        StringBuilder sb = new StringBuilder();
        figures.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static byte[] lastHeader(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : h.value();
    }

    private void progress(Verifier v, boolean complete) {
        out.println("progress " + keyValues(v.progress()) + " caught_up=" + v.caughtUp() + " complete=" + complete);
        out.flush();
    }
}
