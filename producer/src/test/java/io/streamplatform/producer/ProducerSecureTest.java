package io.streamplatform.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.ChildApp;
import io.streamplatform.clients.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer app, run as its own JVM, against a broker that only has a SASL_SSL (SCRAM-SHA-512) client listener:
 * with {@code --client-config} (or {@code KAFKA_CLIENT_CONFIG}) it writes; without, or with a wrong password, it
 * fails with one error line within its timeout; the password appears in nothing it prints.
 */
class ProducerSecureTest {
    private static final String USER = "producer-user";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static KafkaTestBroker broker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaTestBroker.startSecure(USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
    }

    private Path config(String password) throws Exception {
        return broker.clientConfig(tmp, USER, password);
    }

    private static ChildApp produce(Map<String, String> env, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap", broker.bootstrap(), "--progress-interval", "0"));
        args.addAll(List.of(more));
        return ChildApp.run(ProducerApp.class, env, LIMIT, args.toArray(String[]::new));
    }

    private static void assertNoSecret(ChildApp run) {
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(broker.truststorePassword());
    }

    @Test
    void writesThroughTheClientConfigFileAndNeverPrintsThePassword() throws Exception {
        broker.createTopic("secure-in", 2);
        ChildApp run = produce(Map.of(), "--client-config", config(PASSWORD).toString(), "--topic", "secure-in", "--count", "500",
                "--transactional-id", "secure-producer");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent=500").contains("failed=0");
        // The Kafka client logs its configuration at INFO: the settings are there, their secrets hidden.
        assertThat(run.err()).contains("security.protocol = SASL_SSL").contains("sasl.jaas.config = [hidden]");
        assertNoSecret(run);
        assertThat(readCommitted("secure-in")).isEqualTo(500);
    }

    @Test
    void takesTheFileFromTheEnvironment() throws Exception {
        broker.createTopic("secure-env", 1);
        ChildApp run = produce(Map.of("KAFKA_CLIENT_CONFIG", config(PASSWORD).toString()), "--topic", "secure-env", "--count", "10");
        assertThat(run.code()).as(run.err()).isZero();
        assertNoSecret(run);
        assertThat(readCommitted("secure-env")).isEqualTo(10);
    }

    @Test
    void withoutTheConfigFailsWithOneLineWithinTheTimeout() throws Exception {
        broker.createTopic("secure-plain", 1);
        ChildApp run = produce(Map.of(), "--topic", "secure-plain", "--count", "10", "--timeout", "3s");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().startsWith("error: cannot reach Kafka at " + broker.bootstrap());
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(3 + 10)); // the timeout, plus a JVM's start and stop
    }

    @Test
    void aWrongPasswordFailsWithOneLineNamingAuthentication() throws Exception {
        broker.createTopic("secure-wrong", 1);
        String wrong = "wrong-" + UUID.randomUUID();
        ChildApp run = produce(Map.of(), "--client-config", config(wrong).toString(), "--topic", "secure-wrong", "--count", "10",
                "--timeout", "10s");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.errorLines()).singleElement().asString().contains("Authentication failed");
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(10 + 10));
        assertThat(run.out() + run.err()).doesNotContain(wrong);
        assertNoSecret(run);
    }

    @Test
    void aBadFileIsOneErrorLine() throws Exception {
        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "security.protocol=SASL_SSL\nenable.idempotence=false\n");
        ChildApp run = produce(Map.of(), "--client-config", bad.toString(), "--count", "1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --client-config: " + bad + " sets 'enable.idempotence'; only security.protocol, "
                + "ssl.*, sasl.* and config.providers* are accepted (other client settings are the component's own options)");
        ChildApp missing = produce(Map.of(), "--client-config", tmp.resolve("nope.properties").toString(), "--count", "1");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("error: --client-config: no such file " + tmp.resolve("nope.properties"));
    }

    @Test
    void helpShowsTheFileNotItsContent() throws Exception {
        Path f = config(PASSWORD);
        ChildApp run = produce(Map.of("KAFKA_CLIENT_CONFIG", f.toString()), "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--client-config=FILE").contains("KAFKA_CLIENT_CONFIG");
        assertNoSecret(run);
    }

    private int readCommitted(String topic) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Properties file = new Properties();
        try (var r = Files.newBufferedReader(config(PASSWORD))) {
            file.load(r);
        }
        p.putAll(file);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                n += records.count();
            }
            return n;
        }
    }
}
