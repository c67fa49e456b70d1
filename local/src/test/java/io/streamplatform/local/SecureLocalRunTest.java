package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.KafkaClientSecurity;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

/**
 * A verified local run against a user's secured Kafka, given with {@code --bootstrap}: a broker whose only client
 * listener is SASL_SSL (SCRAM-SHA-512) with ACLs enforced, the topics made beforehand (as an operator would). The job
 * authenticates through {@code --client-config}, the producer and the verifying consumer through files of their own,
 * each user allowed only what {@link KafkaAccess} gives it; local mode's admin clients use the job's. No password
 * appears in the run's output or log files, nor in the job's Kafka clients' logged settings. Then a {@code ./pipeline}
 * process whose clients all use the settings file the Kubernetes renderers mount, with the login only in the
 * environment.
 */
class SecureLocalRunTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aVerifiedRunWithAUserPerComponent() throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "secure-run-");
        Path testLog = base.resolve("flink-tests.log"); // the MiniCluster's log: the job's own Kafka clients log here
        long logStart = Files.exists(testLog) ? Files.size(testLog) : 0;
        // Every Kafka client (the job's source and sinks in this JVM too) logs its whole configuration at INFO.
        Level kafkaLevel = LogManager.getLogger("org.apache.kafka").getLevel();
        Configurator.setLevel("org.apache.kafka", Level.INFO);
        EventsDefinition events = new EventsDefinition();
        EventsOptions options = events.parse("--group-id", "secure-run", "--transactional-id-prefix", "secure-run", "--window", "5s");
        try (SecureKafka kafka = SecureKafka.start(dir.resolve("kafka"))) {
            TopicAdmin.ensureTopics(kafka.broker.adminBootstrap(), kafka.broker.adminSettings(), TopicAdmin.topicsOf(events, options), 2, TIMEOUT);
            Path job = kafka.user("run-job", KafkaAccess.job(events, options));
            Path producer = kafka.user("run-producer", KafkaAccess.producer(List.of(options.topic(EventsDefinition.INPUT))));
            Path verifier = kafka.user("run-verifier", KafkaAccess.verifier(events, options));
            PipelineRun run = PipelineRun.of("--bootstrap", kafka.bootstrap, "--client-config", job.toString(),
                    "--producer-client-config", producer.toString(), "--consumer-client-config", verifier.toString(), "--group-id", "secure-run", "--transactional-id-prefix", "secure-run",
                    "--events", "3000", "--rate", "0", "--partitions", "2", "--checkpoint-interval", "500ms", "--quiet",
                    "--work-dir", dir.resolve("work").toString(), "--keep");
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("Kafka at " + kafka.bootstrap, "verdict=PASS");
            List<String> secrets = List.of(kafka.password("run-job"), kafka.password("run-producer"), kafka.password("run-verifier"));
            for (String secret : secrets) assertThat(run.out() + run.err()).doesNotContain(secret);
            List<Path> logs;
            try (Stream<Path> files = Files.walk(dir.resolve("work"))) {
                logs = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList();
            }
            assertThat(logs).as("the run's log files").isNotEmpty();
            for (Path log : logs) for (String secret : secrets) assertThat(Files.readString(log)).as(log.toString()).doesNotContain(secret);
            String jobLog;
            try (var in = Files.newInputStream(testLog)) {
                in.skipNBytes(logStart);
                jobLog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(jobLog).as("the job's Kafka clients logged their settings, secrets hidden")
                    .contains("security.protocol = SASL_SSL", "sasl.jaas.config = [hidden]", "transactional.id = ")
                    .doesNotContain(kafka.password("run-job"));

            // The client settings file the Kubernetes renderers mount, the JAAS line only in the environment (Kafka's
            // env config provider), read by the job's 3.9 clients and the apps' 4.1 clients of a ./pipeline process.
            List<String> k8sArgs = List.of("--group-id", "secure-k8s", "--transactional-id-prefix", "secure-k8s", "--input-topic", "k8s-events",
                    "--output-topic", "k8s-normalized", "--counts-topic", "k8s-counts", "--dlq-topic", "k8s-dlq");
            EventsOptions k8s = events.parse(concat(k8sArgs, "--window", "5s"));
            TopicAdmin.ensureTopics(kafka.broker.adminBootstrap(), kafka.broker.adminSettings(), TopicAdmin.topicsOf(events, k8s), 2, TIMEOUT);
            List<KafkaAccess.Acl> all = new java.util.ArrayList<>(KafkaAccess.job(events, k8s));
            all.addAll(KafkaAccess.producer(List.of(k8s.topic(EventsDefinition.INPUT))));
            all.addAll(KafkaAccess.verifier(events, k8s));
            String jaas = ClientConfig.load(kafka.user("k8s-pipeline", all).toString()).get(KafkaClientSecurity.JAAS_KEY);
            Path file = Files.writeString(dir.resolve("kafka-client.properties"),
                    KafkaClientSecurity.properties(kafka.security.caCertificate().toString()));
            PipelineProcess process = PipelineProcess.start(Map.of(KafkaClientSecurity.JAAS_ENV, jaas), concat(k8sArgs, "--bootstrap",
                    kafka.bootstrap, "--client-config", file.toString(), "--events", "2000", "--rate", "0", "--partitions", "2",
                    "--checkpoint-interval", "500ms", "--quiet", "--work-dir", dir.resolve("k8s").toString()).toArray(String[]::new));
            PipelineProcess.Ended k8sRun = process.awaitEnd();
            assertThat(k8sRun.code()).as(k8sRun.output()).isZero();
            assertThat(k8sRun.output()).contains("verdict=PASS").doesNotContain(kafka.password("k8s-pipeline"));

            PipelineRun refused = PipelineRun.of("--bootstrap", kafka.bootstrap, "--events", "10", "--connect-timeout", "3s", "--quiet",
                    "--work-dir", dir.resolve("plain").toString());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("cannot reach Kafka at " + kafka.bootstrap);
        } finally {
            Configurator.setLevel("org.apache.kafka", kafkaLevel);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
