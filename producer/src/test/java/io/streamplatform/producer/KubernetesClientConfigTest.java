package io.streamplatform.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.ChildApp;
import io.streamplatform.clients.KafkaTestBroker;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.KafkaClientSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client settings file the Kubernetes renderers put in every pod ({@link KafkaClientSecurity#properties}, the chart's
 * {@code files/kafka-client.properties} with the truststore location appended) works as it is, with Kafka clients 4.1,
 * against a SASL_SSL (SCRAM-SHA-512) broker: the CA certificate as PEM where the file says, the JAAS line only in the
 * environment variable the pod gets from its KafkaUser's Secret, resolved by Kafka's environment config provider.
 */
class KubernetesClientConfigTest {
    private static final String USER = "streaming-producer";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static KafkaTestBroker broker;

    @TempDir
    static Path tmp;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaTestBroker.startSecure(USER, PASSWORD);
        // What Strimzi's <kafka>-cluster-ca-cert Secret holds under ca.crt: the certificate the broker's is signed
        // with, as PEM (here the broker's self-signed one), mounted as a file.
        Path ca = tmp.resolve(KafkaClientSecurity.CA_KEY);
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-exportcert", "-rfc", "-alias", "ca", "-keystore", broker.truststore().toString(),
                "-storepass", broker.truststorePassword(), "-file", ca.toString())
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
        file = Files.writeString(tmp.resolve("client.properties"), KafkaClientSecurity.properties(ca.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
    }

    /** The value Strimzi's user operator writes under sasl.jaas.config in a SCRAM-SHA-512 KafkaUser's Secret. */
    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\"" + password + "\";";
    }

    private static ChildApp produce(Map<String, String> env, String topic, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--bootstrap", broker.bootstrap(), "--progress-interval", "0",
                "--topic", topic, "--count", "200"));
        args.addAll(List.of(more));
        return ChildApp.run(ProducerApp.class, env, LIMIT, args.toArray(String[]::new));
    }

    @Test
    void theRenderedFileWithTheSecretsJaasLineInTheEnvironmentWrites() throws Exception {
        broker.createTopic("k8s-in", 2);
        ChildApp run = produce(Map.of(ClientConfig.ENV, file.toString(), KafkaClientSecurity.JAAS_ENV, jaas(PASSWORD)), "k8s-in");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent=200").contains("failed=0");
        assertThat(run.err()).contains("security.protocol = SASL_SSL").contains("ssl.truststore.type = PEM");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
        assertThat(records("k8s-in")).isEqualTo(200);
    }

    @Test
    void withoutTheEnvironmentVariableOrWithAWrongPasswordItFails() throws Exception {
        broker.createTopic("k8s-refused", 1);
        ChildApp noSecret = produce(Map.of(ClientConfig.ENV, file.toString()), "k8s-refused", "--timeout", "10s");
        assertThat(noSecret.code()).as(noSecret.err()).isNotZero();
        String wrong = "wrong-" + UUID.randomUUID();
        ChildApp wrongPassword = produce(Map.of(ClientConfig.ENV, file.toString(), KafkaClientSecurity.JAAS_ENV, jaas(wrong)),
                "k8s-refused", "--timeout", "10s");
        assertThat(wrongPassword.code()).isEqualTo(2);
        assertThat(wrongPassword.errorLines()).singleElement().asString().contains("Authentication failed");
        assertThat(wrongPassword.out() + wrongPassword.err()).doesNotContain(wrong);
        assertThat(records("k8s-refused")).isZero();
    }

    /** The end offsets of {@code topic} summed (the producer writes without transactions: one offset a record), read with the test's own client config. */
    private static long records(String topic) throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(broker.clientConfig(tmp, USER, PASSWORD))) {
            p.load(r);
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
