package io.streamplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.ChildApp;
import io.streamplatform.clients.KafkaTestBroker;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer app, run as its own JVM, against a broker that only has a SASL_SSL (SCRAM-SHA-512) client listener:
 * with the client config file it reads what was written; without it, or with a wrong password, it fails with one
 * error line within its timeout; the password appears in nothing it prints.
 */
class ConsumerSecureTest {
    private static final String USER = "consumer-user";
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

    private static void assertNoSecret(ChildApp run) {
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(broker.truststorePassword());
    }

    @Test
    void readsThroughTheClientConfigAndNeverPrintsThePassword() throws Exception {
        broker.createTopic("secure-out", 2);
        Path file = config(PASSWORD);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("secure-out", ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("secure-value-" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        ChildApp run = ChildApp.run(ConsumerApp.class, Map.of("KAFKA_CLIENT_CONFIG", file.toString()), LIMIT,
                "--bootstrap", broker.bootstrap(), "--topic", "secure-out", "--max-records", "50", "--progress-interval", "0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.contains(" secure-value-"))).hasSize(50);
        assertThat(run.err()).contains("security.protocol = SASL_SSL").contains("sasl.jaas.config = [hidden]");
        assertNoSecret(run);
    }

    @Test
    void withoutTheConfigOrWithAWrongPasswordFailsWithOneLine() throws Exception {
        broker.createTopic("secure-refused", 1);
        ChildApp plain = ChildApp.run(ConsumerApp.class, Map.of(), LIMIT,
                "--bootstrap", broker.bootstrap(), "--topic", "secure-refused", "--timeout", "3s");
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.errorLines()).singleElement().asString().startsWith("error: cannot reach Kafka at " + broker.bootstrap());
        assertThat(plain.elapsed()).isLessThan(Duration.ofSeconds(3 + 10));

        String wrong = "wrong-" + UUID.randomUUID();
        ChildApp refused = ChildApp.run(ConsumerApp.class, Map.of(), LIMIT, "--client-config", config(wrong).toString(),
                "--bootstrap", broker.bootstrap(), "--topic", "secure-refused", "--timeout", "10s");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errorLines()).singleElement().asString().contains("Authentication failed");
        assertThat(refused.out() + refused.err()).doesNotContain(wrong);
        assertNoSecret(refused);
    }
}
