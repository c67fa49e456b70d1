package io.streamplatform.producer;

import io.micrometer.core.instrument.Counter;
import io.streamplatform.clients.AppMetrics;
import io.streamplatform.clients.CliApp;
import io.streamplatform.clients.ClientConfigOption;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.clients.MetricsOptions;
import io.streamplatform.clients.Preflight;
import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.RecordGenerator;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * The producer app: checks the broker and topic, then sends a run of records, paced, with progress lines and a
 * final SUMMARY line. {@link #run} is the whole program without {@code System.exit}, for tests.
 */
public final class ProducerApp extends CliApp {
    private static final int MAX_BATCH = 1024;
    private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final InputStream stdin;
    private volatile boolean stopRequested;

    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long sent;

    ProducerApp(InputStream stdin, PrintStream out, PrintStream err) {
        super(out, err);
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        new ProducerApp(System.in, out, System.err).runAsProcess(args, "producer-shutdown");
    }

    /** Runs the producer with stdin as the '-' input; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        return new ProducerApp(stdin, out, err).execute(args);
    }

    @Override
    protected void requestStop() {
        stopRequested = true;
    }

    private volatile Duration timeout = Duration.ofSeconds(15);

    @Override
    protected Duration shutdownWait() {
        return timeout.multipliedBy(2).plusSeconds(5);
    }

    @Override
    protected void onShutdownTimeout() {
        err.println("error: could not flush within the timeout after the stop signal");
        err.flush();
    }

    @Override
    protected int parseAndRun(String[] args) {
        ProducerOptions opts = new ProducerOptions();
        CommandLine cl = new CommandLine(opts);
        MetricsOptions metricsOpts = MetricsOptions.addTo(cl, "PRODUCER");
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
        AppMetrics metrics = startMetrics(metricsOpts, "producer", opts.definition.name());
        if (metrics == null) return EXIT_USAGE;
        try (metrics) {
            return produce(opts, metrics);
        } catch (RuntimeException e) {
            err.println("error: " + Preflight.rootMessage(e));
            return EXIT_FAILED;
        }
    }

    private int produce(ProducerOptions o, AppMetrics metrics) {
        SendCallback callback = new SendCallback(metrics, o.bootstrap); // its counters are served from the start, at 0
        try {
            Preflight.check(o.bootstrap, o.security, o.topics(), o.timeout, "producer-preflight-" + o.runId);
        } catch (Preflight.Failure f) {
            err.println("error: " + f.getMessage());
            return EXIT_USAGE;
        }
        RecordGenerator source;
        InputStream inputStream = null;
        if (o.input != null) {
            try {
                inputStream = o.input.equals("-") ? stdin : new FileInputStream(o.input);
            } catch (IOException e) {
                err.println("error: cannot read input '" + o.input + "': " + e.getMessage());
                return EXIT_USAGE;
            }
            source = new LineSource(inputStream, o.definition::acceptsInput);
        } else {
            source = o.definition.generator(new GeneratorSettings(o.runId, o.keys, o.textBytes, o.malformedFraction, o.seed, o.count));
        }
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerProps(o));
        } catch (KafkaException e) {
            err.println("error: cannot create the Kafka producer: " + Preflight.rootMessage(e));
            return EXIT_USAGE;
        }
        metrics.bind(producer);
        boolean tx = o.transactionalId != null;
        if (tx) {
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                err.println("error: cannot initialise transactions for '" + o.transactionalId + "' at " + o.bootstrap + ": "
                        + Preflight.rootMessage(e));
                producer.close(Duration.ZERO);
                return EXIT_USAGE;
            }
        }

        Progress progress = new Progress(o.progressInterval);
        long valid = 0, malformed = 0, count = 0;
        long startNanos = System.nanoTime();
        long durationNanos = o.duration.toNanos();
        double ratePerNano = o.rate / 1e9;
        long txStartNanos = startNanos;
        long txIntervalNanos = o.txInterval.toNanos();
        Header runHeader = new RecordHeader(Headers.RUN, o.runId.getBytes(StandardCharsets.UTF_8));
        progress.start();
        try {
            if (tx) beginTransaction(producer);
            loop:
            while (!stopRequested) {
                long now = System.nanoTime();
                long elapsed = now - startNanos;
                if (durationNanos > 0 && elapsed >= durationNanos) break;
                if (o.count > 0 && count >= o.count) break;
                if (failed.sum() > 0) break;
                if (tx && now - txStartNanos >= txIntervalNanos) {
                    if (!commit(producer)) break;
                    txStartNanos = System.nanoTime();
                    beginTransaction(producer);
                }
                long batch = MAX_BATCH;
                if (o.rate > 0) {
                    long due = (long) (elapsed * ratePerNano) + 1;
                    batch = Math.min(due - count, MAX_BATCH);
                    if (batch <= 0) {
                        long nextDue = startNanos + (long) Math.ceil(count / ratePerNano);
                        long sleep = Math.max(MIN_SLEEP_NANOS, Math.min(MAX_SLEEP_NANOS, nextDue - now));
                        if (durationNanos > 0) sleep = Math.min(sleep, Math.max(0, startNanos + durationNanos - now));
                        LockSupport.parkNanos(sleep);
                        continue;
                    }
                }
                if (o.count > 0) batch = Math.min(batch, o.count - count);
                for (long i = 0; i < batch; i++) {
                    if (!source.next()) break loop;
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(o.topicOf(source.role()), null, source.timestamp(), source.key(), source.value(),
                            headers(runHeader, source.headers()));
                    if (source.valid()) valid++;
                    else malformed++;
                    count++;
                    sent = count;
                    if (tx) txSent++;
                    try {
                        producer.send(record, callback);
                    } catch (KafkaException | IllegalStateException e) {
                        callback.onCompletion(null, e instanceof KafkaException ? e : new KafkaException(e));
                        break loop;
                    }
                }
            }
            producer.flush();
            if (tx && txOpen) {
                if (failed.sum() > txFailedAtStart) abort(producer);
                else commit(producer);
            }
        } catch (IOException | KafkaException e) {
            firstError.compareAndSet(null, (e instanceof IOException ? "reading input failed: " : "") + Preflight.rootMessage(e));
            if (tx && txOpen) abort(producer);
            else failed.increment();
        } finally {
            producer.close(o.timeout);
            progress.stop();
            if (inputStream != null && inputStream != stdin) {
                try {
                    inputStream.close();
                } catch (IOException ignored) {
                    // read-only stream
                }
            }
        }
        long elapsedMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        long failedTotal = failed.sum() - failedInAborted + abortedRecords;
        String error = firstError.get();
        if (error != null) err.println("error: " + error);
        out.println("SUMMARY run=" + o.runId + " sent=" + count + " valid=" + valid + " malformed=" + malformed
                + " failed=" + failedTotal + " elapsed_ms=" + elapsedMs + " records_per_s=" + (count * 1000 / elapsedMs));
        out.flush();
        return failedTotal == 0 ? EXIT_OK : EXIT_FAILED;
    }

    private static RecordHeaders headers(Header run, Map<String, byte[]> more) {
        RecordHeaders h = new RecordHeaders(new Header[] {run});
        more.forEach(h::add);
        return h;
    }

    // Transaction bookkeeping, main thread only. Every record of an aborted transaction counts as failed, once.
    private boolean txOpen;
    private long txSent;
    private long txFailedAtStart;
    private long abortedRecords;
    private long failedInAborted;

    private void beginTransaction(KafkaProducer<byte[], byte[]> producer) {
        producer.beginTransaction();
        txOpen = true;
        txSent = 0;
        txFailedAtStart = failed.sum();
    }

    /** Commits the open transaction; on failure aborts it and returns false. */
    private boolean commit(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.commitTransaction();
            txOpen = false;
            return true;
        } catch (KafkaException e) {
            firstError.compareAndSet(null, "transaction commit failed: " + Preflight.rootMessage(e));
            abort(producer);
            return false;
        }
    }

    private void abort(KafkaProducer<byte[], byte[]> producer) {
        abortQuietly(producer);
        txOpen = false;
        abortedRecords += txSent;
        failedInAborted += failed.sum() - txFailedAtStart;
        txSent = 0;
    }

    private void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // fatal producer state (e.g. fenced): nothing to abort, the broker aborts on timeout
        }
    }

    private Properties producerProps(ProducerOptions o) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, o.timeout.toMillis());
        int lingerMs = (int) o.linger.toMillis();
        int requestTimeoutMs = Math.max(1000, Math.min(30_000, timeoutMs / 2));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "producer-" + o.runId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, o.acks);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(o.idempotence && o.ackAll()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, o.batchBytes);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, o.compression);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        int deliveryMs = (int) Math.min(Integer.MAX_VALUE, o.deliveryTimeout.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(deliveryMs, lingerMs + requestTimeoutMs));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        if (o.transactionalId != null) p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, o.transactionalId);
        p.putAll(o.security); // --client-config: security settings only
        return p;
    }

    /** Counts acknowledgements and failures; one instance for all records (no allocation per send). */
    private final class SendCallback implements Callback {
        private final String bootstrap;
        private final Counter ackedRecords;
        private final Counter failedRecords;

        SendCallback(AppMetrics metrics, String bootstrap) {
            this.bootstrap = bootstrap;
            ackedRecords = records(metrics, "acked");
            failedRecords = records(metrics, "failed");
        }

        private static Counter records(AppMetrics metrics, String outcome) {
            return Counter.builder("platform.producer.records")
                    .description("Records whose send completed, by outcome: acked by the broker, or failed")
                    .tag("outcome", outcome)
                    .register(metrics.registry());
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                acked.increment();
                ackedRecords.increment();
            } else {
                failed.increment();
                failedRecords.increment();
                firstError.compareAndSet(null, Preflight.refusal(bootstrap, exception).orElse("send failed: " + Preflight.rootMessage(exception)));
            }
        }
    }

    /** Prints a progress line every interval from a daemon thread. */
    private final class Progress {
        private final long intervalNanos;
        private Thread thread;
        private volatile boolean running = true;

        Progress(Duration interval) {
            this.intervalNanos = interval.toNanos();
        }

        void start() {
            if (intervalNanos <= 0) return;
            thread = new Thread(this::loop, "producer-progress");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            long last = System.nanoTime();
            long lastSent = 0;
            long next = last + intervalNanos;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                long now = System.nanoTime();
                long s = sent;
                long rate = Math.round((s - lastSent) * 1e9 / Math.max(1, now - last));
                if (!running) break;
                out.println("progress sent=" + s + " acked=" + acked.sum() + " failed=" + failed.sum() + " rate=" + rate + "/s");
                out.flush();
                last = now;
                lastSent = s;
                next += intervalNanos;
                if (next < now) next = now + intervalNanos;
            }
        }

        void stop() {
            running = false;
            if (thread != null) {
                LockSupport.unpark(thread);
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
