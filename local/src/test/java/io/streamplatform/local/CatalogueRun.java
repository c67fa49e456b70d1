package io.streamplatform.local;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
    private final Map<String, String> roleOfTopic = new LinkedHashMap<>();
    private final List<String> baseArgs;
    private long sent;
    private long nextLagCheck;

    /** Topics created, {@code records} of the job's input planned (1 % malformed), nothing sent yet. */
    CatalogueRun(JobDefinition<?> definition, String name, long records) {
        this.definition = definition;
        this.run = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        for (TopicRole role : definition.topics()) topics.put(role.role(), run + "-" + role.role());
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (TopicRole role : definition.topics()) configs.put(topics.get(role.role()), role.config());
        TopicAdmin.ensureTopics(SharedKafka.bootstrap(), configs, 4, Duration.ofSeconds(30));
        baseArgs = new ArrayList<>(List.of("--bootstrap", SharedKafka.bootstrap(), "--group-id", "test-" + run,
                "--checkpoint-interval", "500ms"));
        topics.forEach((role, topic) -> baseArgs.addAll(List.of("--" + role + "-topic", topic)));
        baseArgs.addAll(definition.localModeArgs());
        options = definition.parse(baseArgs);
        MalformedPlan plan = new MalformedPlan(0.01);
        generator = definition.generator(new GeneratorSettings(run, 100, 32, 0.01, 7, records));
        verifier = definition.verifierFor(options, new RunFacts(run, plan.validIn(records), plan.malformedIn(records)));
        for (String role : verifier.roles()) roleOfTopic.put(topics.get(role), role);
        reader = new CommittedReader(roleOfTopic.keySet(), r -> verifier.accept(roleOfTopic.get(r.topic()),
                new Verifier.VerifiedRecord(r.key(), r.value(), r.timestamp(), header -> {
                    Header h = r.headers().lastHeader(header);
                    return h == null ? null : h.value();
                }), System.currentTimeMillis()));
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

    @Override
    public void close() {
        reader.close();
    }
}
