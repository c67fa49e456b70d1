package io.streamplatform.clients;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.awaitility.Awaitility;

/** One real Kafka broker (KRaft, combined broker+controller) in this JVM, on loopback ports, data under target/. */
public final class KafkaTestBroker implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;
    private final String adminBootstrap;

    private KafkaTestBroker(Path dir, KafkaRaftServer server, String bootstrap, String adminBootstrap) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
        this.adminBootstrap = adminBootstrap;
    }

    public static KafkaTestBroker start() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target")), "kafka-test-").toAbsolutePath();
        int[] ports = freePorts(2);
        int port = ports[0], controllerPort = ports[1];
        Properties p = baseProperties(dir, controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        return startWith(dir, p, port, port, List.of());
    }

    /**
     * A broker whose client listener ({@link #bootstrap()}) is SASL_SSL with SCRAM-SHA-512: a throwaway self-signed
     * certificate for 127.0.0.1 made with the JDK's keytool into the broker's directory, and the user {@code user}
     * with {@code password} created when the storage is formatted. Inter-broker traffic and {@link #admin()} (topic
     * set-up by tests) use a second, plaintext listener on 127.0.0.1; the controller listener is plaintext too.
     */
    public static KafkaTestBroker startSecure(String user, String password) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Paths.get("target")), "kafka-secure-test-").toAbsolutePath();
        int[] ports = freePorts(3);
        int port = ports[0], internalPort = ports[1], controllerPort = ports[2];
        String storePassword = "store-" + Uuid.randomUuid();
        Path keystore = dir.resolve("broker.p12"), cert = dir.resolve("broker.crt"), truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", storePassword,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass", storePassword);
        Properties p = baseProperties(dir, controllerPort);
        p.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", keystore.toString());
        p.put("ssl.keystore.password", storePassword);
        p.put("ssl.key.password", storePassword);
        KafkaTestBroker broker = startWith(dir, p, port, internalPort,
                List.of("--add-scram", "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]"));
        broker.truststore = truststore;
        broker.truststorePassword = storePassword;
        return broker;
    }

    private Path truststore;
    private String truststorePassword;

    /** The secure broker's truststore (PKCS12), holding its certificate. */
    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    /**
     * Writes, into {@code dir}, a client config file (as {@code --client-config} takes) for this secure broker as
     * {@code user} with {@code password}: SASL_SSL, SCRAM-SHA-512, the broker's truststore.
     */
    public Path clientConfig(Path dir, String user, String password) throws IOException {
        Path f = dir.resolve("client-" + UUID.randomUUID() + ".properties");
        Files.writeString(f, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + password + "\";",
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + truststorePassword,
                ""));
        return f;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool");
        }
    }

    private static KafkaTestBroker startWith(Path dir, Properties p, int port, int adminPort, List<String> formatArgs) throws IOException {
        Path config = dir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "test broker");
        }
        try {
            return startIn(dir, config, p, port, adminPort, formatArgs);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static Properties baseProperties(Path dir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private static KafkaTestBroker startIn(Path dir, Path config, Properties p, int port, int adminPort, List<String> formatArgs) {
        ByteArrayOutputStream formatOut = new ByteArrayOutputStream();
        List<String> format = new java.util.ArrayList<>(List.of(
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        format.addAll(formatArgs);
        int rc = StorageTool$.MODULE$.execute(format.toArray(String[]::new), new PrintStream(formatOut, true, StandardCharsets.UTF_8));
        if (rc != 0) throw new IllegalStateException("kafka storage format failed: " + formatOut);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p), Time.SYSTEM);
        server.startup();
        KafkaTestBroker broker = new KafkaTestBroker(dir, server, "127.0.0.1:" + port, "127.0.0.1:" + adminPort);
        try (Admin admin = broker.admin()) {
            Awaitility.await("broker ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get().isEmpty());
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        return broker;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, adminBootstrap);
        return Admin.create(p);
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            Awaitility.await("topic " + name).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
                            .allMatch(tp -> tp.leader() != null && tp.leader().id() >= 0));
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** A loopback port that was free a moment ago (nothing listens on it). */
    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /** Distinct loopback ports that were free a moment ago: all held open together, then released. */
    public static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) s.close();
            }
        }
    }
}
