package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.KafkaAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the secured broker refuses, seen through the real producer app (a child JVM, as local mode runs it): no
 * client config, TLS without a login, a wrong password, an unknown user, another user's identity, an untrusted broker
 * certificate. Each ends the app within its connect timeout with one {@code error:} line saying what is wrong. The
 * admin listener answers no plaintext client either.
 */
class SecureRefusalTest {
    private static final String TOPIC = "refusals";
    private static final String CONNECT_TIMEOUT = "5s";
    private static Path dir;
    private static SecureKafka kafka;
    private static Path writer;
    private static Path reader;

    @BeforeAll
    static void start() throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath());
        dir = Files.createTempDirectory(base, "secure-refusals-");
        kafka = SecureKafka.start(dir.resolve("kafka"));
        TopicAdmin.ensureTopics(kafka.broker.adminBootstrap(), kafka.broker.adminSettings(), List.of(TOPIC), 1, Duration.ofSeconds(30));
        writer = kafka.user("writer", KafkaAccess.producer(List.of(TOPIC)));
        reader = kafka.user("reader", KafkaAccess.consumer(List.of(TOPIC), null));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) kafka.close();
    }

    @Test
    void itsOwnUserWrites() throws Exception {
        AppRun ok = produce("own-user", writer);
        assertThat(ok.exit()).as(ok.errors().toString()).isZero();
    }

    @Test
    void aClientWithoutTheClientConfigIsNotAnswered() throws Exception {
        assertRefused(produce("plaintext", null), "error: cannot reach Kafka at " + kafka.bootstrap + " within " + CONNECT_TIMEOUT);
        Path tlsOnly = write("tls-only", "security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=" + kafka.security.caCertificate() + "\n");
        assertRefused(produce("tls-without-login", tlsOnly), "error: cannot reach Kafka at " + kafka.bootstrap + " within " + CONNECT_TIMEOUT);
    }

    @Test
    void theAdminListenerAnswersNoPlaintextClient() {
        try (Admin plain = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.broker.adminBootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000"))) {
            assertThatThrownBy(() -> plain.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        }
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeCluster().nodes()).as("with the admin's certificate it answers").succeedsWithin(Duration.ofSeconds(30));
        }
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefusedAtLogin() throws Exception {
        String text = Files.readString(writer);
        Path wrong = write("wrong-password", text.replace(kafka.password("writer"), "not-" + kafka.password("writer")));
        assertRefused(produce("wrong-password", wrong), "error: Kafka at " + kafka.bootstrap + " refused the login: ");
        Path unknown = write("unknown-user", text.replace("username=\"writer\"", "username=\"nobody\""));
        assertRefused(produce("unknown-user", unknown), "error: Kafka at " + kafka.bootstrap + " refused the login: ");
    }

    @Test
    void anotherUsersIdentityIsNotAuthorized() throws Exception {
        // The reader may describe the topic (Read implies Describe), so the refusal comes with the first send.
        AppRun r = produce("other-user", reader);
        assertThat(r.exit()).isNotZero();
        assertThat(r.errors()).singleElement().asString().startsWith("error: not authorized by Kafka at " + kafka.bootstrap + ": ");
    }

    @Test
    void aBrokerCertificateNotSignedByTheTrustedCaFailsTheHandshake() throws Exception {
        KafkaSecurity other = KafkaSecurity.in(dir.resolve("other-ca"));
        Path untrusted = write("untrusted", Files.readString(writer).replace(kafka.security.caCertificate().toString(), other.caCertificate().toString()));
        assertRefused(produce("untrusted", untrusted), "error: TLS handshake with Kafka at " + kafka.bootstrap + " failed: ");
    }

    private static void assertRefused(AppRun r, String prefix) {
        assertThat(r.exit()).as(r.errors().toString()).isEqualTo(2);
        assertThat(r.errors()).as("one error line").singleElement().asString().startsWith(prefix);
        assertThat(r.seconds()).as("ended within the connect timeout, JVM start included").isLessThan(30);
    }

    private static AppRun produce(String name, Path clientConfig) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap", kafka.bootstrap, "--topic", TOPIC, "--count", "10", "--timeout", CONNECT_TIMEOUT));
        if (clientConfig != null) args.addAll(List.of("--client-config", clientConfig.toString()));
        return AppRun.of("producer", dir.resolve(name + ".log"), args);
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name + ".properties"), text);
    }
}
