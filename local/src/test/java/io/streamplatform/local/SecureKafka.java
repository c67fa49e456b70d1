package io.streamplatform.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A real Kafka broker (KRaft, child JVM, the platform's broker jars) whose client listener is SASL_SSL with
 * SCRAM-SHA-512: a throwaway self-signed certificate for 127.0.0.1 made with the JDK's keytool into its directory,
 * the user created through the Admin API (so the password is on no command line). Inter-broker traffic, the
 * controller and this class's own admin client use plaintext listeners on 127.0.0.1.
 */
final class SecureKafka implements AutoCloseable {
    private final JavaProcess process;
    final String bootstrap;
    final Path truststore;
    final String truststorePassword;

    private SecureKafka(JavaProcess process, String bootstrap, Path truststore, String truststorePassword) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    static SecureKafka start(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        int port = KafkaBroker.freePort(), internal = KafkaBroker.freePortBut(List.of(port)),
                controller = KafkaBroker.freePortBut(List.of(port, internal));
        String storePassword = "store-" + UUID.randomUUID();
        Path keystore = dir.resolve("broker.p12"), cert = dir.resolve("broker.crt"), truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", storePassword, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", storePassword);
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
                "listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internal + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internal,
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "sasl.enabled.mechanisms=SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + storePassword,
                "ssl.key.password=" + storePassword,
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=2",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=2",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "transaction.max.timeout.ms=900000",
                ""));
        List<String> jvm = List.of("-Xms256m", "-Xmx768m", "-cp", PlatformHome.locate().brokerLib() + "/*");
        List<String> format = new ArrayList<>(jvm);
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-c", props.toString(), "--standalone", "-t", KafkaBroker.clusterId()));
        try (JavaProcess f = JavaProcess.start("kafka-format", format, dir.resolve("format.log"), line -> {})) {
            Integer exit = f.waitFor(Duration.ofSeconds(90));
            if (exit == null || exit != 0) throw new IllegalStateException("format failed: " + f.stderrTail());
        }
        List<String> run = new ArrayList<>(jvm);
        run.addAll(List.of("kafka.Kafka", props.toString()));
        JavaProcess broker = JavaProcess.start("kafka-secure", run, dir.resolve("broker.out"), line -> {});
        SecureKafka k = new SecureKafka(broker, "127.0.0.1:" + port, truststore, storePassword);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + internal,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "90000"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                if (!broker.isAlive()) throw new IllegalStateException("secure broker exited: " + broker.stderrTail());
                try {
                    admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password))).all().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("secure broker not ready: " + notYet);
                }
            }
        } catch (RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    /** A client config file for {@code user} with {@code password}. */
    Path clientConfig(Path file, String user, String password) throws IOException {
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";",
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + truststorePassword,
                ""));
        return file;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }

    @Override
    public void close() {
        process.close();
    }
}
