package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.job.core.ConfiguredJob;
import org.apache.flink.api.common.JobID;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One verified run of any catalogue job on the shared broker, driven piece by piece by a test: fresh topics for every
 * role, the job configured through its own parser, its generator's records sent as the producer app sends them (run
 * header, event-time timestamps, ground-truth headers), and its own verifier fed by a read_committed consumer of the
 * topics it reads. The job runs with its local-mode arguments, as {@code ./pipeline} gives them.
 */
final class CatalogueRun implements AutoCloseable {
    final JobDefinition<?> definition;
    final String run;
    final Map<String, String> topics = new LinkedHashMap<>();
    final Verifier verifier;
    final JobOptions options;
    private final RecordGenerator generator;
    private final CommittedReader reader;
    private BiConsumer<String, ConsumerRecord<byte[], byte[]>> tap = (role, record) -> {};
    private final Map<String, String> roleOfTopic = new LinkedHashMap<>();
    private final List<String> baseArgs;
    private final long records;
    private long sent;
    private long nextLagCheck;

    /** Topics created, {@code records} of the job's input planned (1 % malformed), nothing sent yet. */
    CatalogueRun(JobDefinition<?> definition, String name, long records) {
        this.definition = definition;
        this.records = records;
        this.run = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        for (TopicRole role : definition.topics()) topics.put(role.role(), run + "-" + role.role());
        baseArgs = new ArrayList<>(List.of("--bootstrap", SharedKafka.bootstrap(), "--group-id", "test-" + run,
                "--checkpoint-interval", "500ms"));
        topics.forEach((role, topic) -> baseArgs.addAll(List.of("--" + role + "-topic", topic)));
        baseArgs.addAll(definition.localModeArgs());
        options = definition.parse(baseArgs);
        TopicAdmin.ensureTopics(SharedKafka.bootstrap(), TopicAdmin.topicsOf(definition, options), 4, Duration.ofSeconds(30));
        MalformedPlan plan = new MalformedPlan(0.01);
        generator = definition.generator(new GeneratorSettings(run, 100, 32, 0.01, 7, records));
        verifier = definition.verifierFor(options, new RunFacts(run, plan.validIn(records), plan.malformedIn(records)));
        for (String role : verifier.roles()) roleOfTopic.put(topics.get(role), role);
        reader = new CommittedReader(roleOfTopic.keySet(), r -> {
            tap.accept(roleOfTopic.get(r.topic()), r);
            verifier.accept(roleOfTopic.get(r.topic()), new Verifier.VerifiedRecord(r.key(), r.value(), r.timestamp(), header -> {
                Header h = r.headers().lastHeader(header);
                return h == null ? null : h.value();
            }), System.currentTimeMillis());
        });
    }

    /** Also hands every record read (of the verifier's topics) to {@code tap}, with its topic's role. */
    void tap(BiConsumer<String, ConsumerRecord<byte[], byte[]>> tap) {
        this.tap = tap;
    }

    /** The job over this run's topics, parallelism {@code parallelism}, checkpoints in {@code dir}, then {@code more} options. */
    ConfiguredJob<?> job(Path dir, int parallelism, String... more) {
        List<String> args = new ArrayList<>(baseArgs);
        args.addAll(List.of("--checkpoint-dir", dir.resolve("checkpoints").toUri().toString(), "--parallelism", Integer.toString(parallelism)));
        args.addAll(List.of(more));
        return ConfiguredJob.of(definition, args);
    }

    /** Sends the generator's next {@code count} records, each to the input topic of its role. */
    void send(long count) throws IOException {
        String input = topics.get(definition.inputs().get(0).role());
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                if (!generator.next()) throw new IllegalStateException("the generator ended after " + sent);
                String topic = generator.role() == null ? input : topics.get(definition.topic(generator.role()).role());
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, generator.timestamp(), generator.key(), generator.value());
                r.headers().add(Headers.RUN, run.getBytes(StandardCharsets.UTF_8));
                generator.headers().forEach(r.headers()::add);
                p.send(r, (md, e) -> {
                    if (e != null) throw new IllegalStateException("send failed", e);
                });
                sent++;
            }
            p.flush();
        }
    }

    /**
     * True once the job's committed offsets of every input have caught up with everything sent (they move on checkpoints).
     * Asks the broker at most once a second (each ask is an admin client); false in between.
     */
    boolean inputCheckpointed() {
        if (System.nanoTime() < nextLagCheck) return false;
        nextLagCheck = System.nanoTime() + 1_000_000_000L;
        List<String> inputs = definition.inputs().stream().map(role -> topics.get(role.role())).toList();
        return TopicAdmin.lag(SharedKafka.bootstrap(), options.groupId, inputs, Duration.ofSeconds(30)) == 0;
    }

    /** Reads until {@code done} holds or the deadline passes; returns whether it held. */
    boolean readUntil(BooleanSupplier done, Duration timeout) {
        return reader.readUntil(done, timeout);
    }

    /** Keeps reading for {@code period}, so late duplicates would still be counted. */
    void settle(Duration period) {
        reader.settle(period);
    }

    /**
     * The run through a task failure: the job at parallelism 2 fails once a third of the way through the input and
     * restarts from its last checkpoint; then a draining stop. Returns the verifier's verdict, complete and passed.
     */
    Verifier.Verdict throughATaskFailure(Path dir) throws IOException {
        try (LocalFlinkCluster flink = new LocalFlinkCluster(2)) {
            JobID id = flink.submit(job(dir, 2, "--fail-once-after", Long.toString(records / 3)), null);
            flink.awaitRunning(id, Duration.ofSeconds(60));
            send(records);
            assertThat(readUntil(this::inputCheckpointed, Duration.ofSeconds(120))).as("input processed and checkpointed").isTrue();
            assertThat(flink.restarts(id)).as("the injected failure restarted the job").isGreaterThanOrEqualTo(1);
            return drainAndVerify(flink, id, dir);
        }
    }

    /**
     * The run through a rescale: half the input at parallelism 2, a stop with savepoint, the rest at parallelism 3 on
     * RocksDB restored from it (a canonical savepoint changes backends); then a draining stop. Returns the verifier's
     * verdict, complete and passed.
     */
    Verifier.Verdict throughARescale(Path dir) throws IOException {
        try (LocalFlinkCluster flink = new LocalFlinkCluster(3)) {
            JobID first = flink.submit(job(dir, 2), null);
            flink.awaitRunning(first, Duration.ofSeconds(60));
            send(records / 2);
            assertThat(readUntil(this::inputCheckpointed, Duration.ofSeconds(120))).as("first half processed").isTrue();
            String savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints").toUri().toString(), false, Duration.ofSeconds(60));

            JobID second = flink.submit(job(dir, 3, "--state-backend", "rocksdb"), savepoint);
            flink.awaitRunning(second, Duration.ofSeconds(60));
            send(records - records / 2);
            assertThat(readUntil(this::inputCheckpointed, Duration.ofSeconds(120))).as("second half processed").isTrue();
            return drainAndVerify(flink, second, dir);
        }
    }

    /** A draining stop fires the last windows; then the verifier must find the run complete and pass it. */
    private Verifier.Verdict drainAndVerify(LocalFlinkCluster flink, JobID id, Path dir) {
        flink.stopWithSavepoint(id, dir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(60));
        boolean complete = readUntil(verifier::complete, Duration.ofSeconds(60));
        settle(Duration.ofSeconds(1));
        Verifier.Verdict verdict = verifier.verdict();
        assertThat(complete).as("complete: %s", verdict.problems()).isTrue();
        assertThat(verdict.problems()).isEmpty();
        return verdict;
    }

    @Override
    public void close() {
        reader.close();
    }
}
