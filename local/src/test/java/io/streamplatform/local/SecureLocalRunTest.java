package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

/**
 * A verified local run against a broker whose only client listener is SASL_SSL (SCRAM-SHA-512), given with
 * {@code --bootstrap} and {@code --client-config}: local mode's admin clients, the job's source and exactly-once sinks
 * on the MiniCluster, the producer and the verifying consumer all authenticate through the one file; the password
 * appears in none of the run's output or log files.
 */
class SecureLocalRunTest {
    @Test
    void aVerifiedRunThroughTheClientConfig() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        Path base = Files.createDirectories(Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "secure-run-");
        Path testLog = base.resolve("flink-tests.log"); // the MiniCluster's log: the job's own Kafka clients log here
        long logStart = Files.exists(testLog) ? Files.size(testLog) : 0;
        // Every Kafka client (the job's source and sinks in this JVM too) logs its whole configuration at INFO.
        Level kafkaLevel = LogManager.getLogger("org.apache.kafka").getLevel();
        Configurator.setLevel("org.apache.kafka", Level.INFO);
        try (SecureKafka kafka = SecureKafka.start(dir.resolve("kafka"), "pipeline", password)) {
            Path config = kafka.clientConfig(dir.resolve("client.properties"), "pipeline", password);
            PipelineRun run = PipelineRun.of("--bootstrap", kafka.bootstrap, "--client-config", config.toString(),
                    "--events", "3000", "--rate", "0", "--partitions", "2", "--checkpoint-interval", "500ms", "--quiet",
                    "--work-dir", dir.resolve("work").toString(), "--keep");
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("Kafka at " + kafka.bootstrap, "verdict=PASS");
            assertThat(run.out() + run.err()).doesNotContain(password).doesNotContain(kafka.truststorePassword);
            List<Path> logs;
            try (Stream<Path> files = Files.walk(dir.resolve("work"))) {
                logs = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList();
            }
            assertThat(logs).as("the run's log files").isNotEmpty();
            for (Path log : logs) assertThat(Files.readString(log)).as(log.toString()).doesNotContain(password);
            String jobLog;
            try (var in = Files.newInputStream(testLog)) {
                in.skipNBytes(logStart);
                jobLog = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(jobLog).as("the job's Kafka clients logged their settings, secrets hidden")
                    .contains("security.protocol = SASL_SSL", "sasl.jaas.config = [hidden]", "transactional.id = ")
                    .doesNotContain(password).doesNotContain(kafka.truststorePassword);

            PipelineRun refused = PipelineRun.of("--bootstrap", kafka.bootstrap, "--events", "10", "--connect-timeout", "3s", "--quiet",
                    "--work-dir", dir.resolve("plain").toString());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("cannot reach Kafka at " + kafka.bootstrap);
        } finally {
            Configurator.setLevel("org.apache.kafka", kafkaLevel);
        }
    }
}
