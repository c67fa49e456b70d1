package io.streamplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import io.streamplatform.common.Monitoring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real Kafka 4.x broker (KRaft, combined broker+controller) in a child JVM, listening on 127.0.0.1 only, with
 * its data in a directory this class owns: a one-node cluster ({@link #start}), or one node of several
 * ({@link KafkaCluster}). Formats the storage, starts the broker, and returns once the broker answers a metadata
 * request.
 */
public final class KafkaBroker implements AutoCloseable {
    private final JavaProcess process;
    private final String bootstrap;
    private final Path dir;
    private final int metricsPort;
    private final String adminBootstrap;
    private final Map<String, String> adminSettings;

    private KafkaBroker(JavaProcess process, String bootstrap, Path dir, int metricsPort, String adminBootstrap, Map<String, String> adminSettings) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.dir = dir;
        this.metricsPort = metricsPort;
        this.adminBootstrap = adminBootstrap;
        this.adminSettings = adminSettings;
    }

    /** A new broker on free ports, in the tests' and local runs' process group. */
    public static KafkaBroker start(PlatformHome home, Path dir, Duration timeout) {
        return start(home, dir, 0, false, timeout);
    }

    /**
     * A broker whose data lives in {@code dir}: formatted on first use, started again with the same data (and
     * controller port) later.
     *
     * @param port the client port, or 0 for a free one
     * @param ownSession start it in a session of its own, so a Ctrl-C in the terminal does not reach it and its
     *     owner decides when it stops (after the jobs' savepoints)
     */
    public static KafkaBroker start(PlatformHome home, Path dir, int port, boolean ownSession, Duration timeout) {
        return start(home, dir, port, 0, ownSession, timeout);
    }

    /** As above, with the broker's Prometheus metrics on 127.0.0.1:{@code metricsPort} (0: none). */
    public static KafkaBroker start(PlatformHome home, Path dir, int port, int metricsPort, boolean ownSession, Duration timeout) {
        return start(home, dir, port, metricsPort, ownSession, null, timeout);
    }

    /**
     * As above, secured by {@code security} (null: one plaintext listener): clients then reach {@link #bootstrap()}
     * with SCRAM over TLS and ACLs, local mode's admin clients {@link #adminBootstrap()} with {@link #adminSettings()}.
     */
    public static KafkaBroker start(PlatformHome home, Path dir, int port, int metricsPort, boolean ownSession, KafkaSecurity security,
                                    Duration timeout) {
        try {
            Files.createDirectories(dir);
            Path props = dir.resolve("server.properties");
            boolean formatted = Files.exists(dir.resolve("data").resolve("meta.properties"));
            int controllerPort = formatted ? controllerPort(props) : 0;
            if (port == 0) port = freePort(controllerPort);
            if (controllerPort == 0) controllerPort = freePort(port);
            int internalPort = security == null ? 0 : freePortBut(List.of(port, controllerPort));
            Node node = new Node(1, port, controllerPort, metricsPort, internalPort);
            KafkaBroker kb = launch(home, dir, node, "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort, 1,
                    formatted ? null : List.of("--standalone", "-t", clusterId()), ownSession, security);
            kb.awaitReadyOrClose(timeout);
            return kb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One node of a KRaft cluster on 127.0.0.1: its id, client port, controller port, the port of its Prometheus
     * metrics (the JMX exporter agent with the chart's rules), 0 for none, and, secured, the port between brokers
     * and for the admin (0 when plaintext).
     */
    record Node(int id, int port, int controllerPort, int metricsPort, int internalPort) {
        Node(int id, int port, int controllerPort) {
            this(id, port, controllerPort, 0, 0);
        }
    }

    /**
     * Starts one node (combined broker and controller) without waiting for it: a node of a cluster is ready only
     * once a quorum of its peers runs.
     *
     * @param quorum the line naming the controller quorum
     * @param replication the replication factor of every topic, the internal ones included; min ISR is one less
     * @param formatArgs the storage tool's arguments after {@code format} (cluster id, quorum); null if formatted
     */
    static KafkaBroker launch(PlatformHome home, Path dir, Node node, String quorum, int replication, List<String> formatArgs,
                              boolean ownSession) {
        return launch(home, dir, node, quorum, replication, formatArgs, ownSession, null);
    }

    private static KafkaBroker launch(PlatformHome home, Path dir, Node node, String quorum, int replication, List<String> formatArgs,
                                      boolean ownSession, KafkaSecurity security) {
        try {
            Files.createDirectories(dir);
            Path props = dir.resolve("server.properties");
            Files.deleteIfExists(props);
            // owner-only: a secured broker's file holds its keystore password
            Files.createFile(props, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(props, serverProperties(dir.resolve("data"), node, quorum, replication, security));
            Path log4j = dir.resolve("log4j2.properties");
            Files.writeString(log4j, log4jProperties(dir.resolve("broker.log")));
            List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-Dlog4j2.configurationFile=" + log4j,
                    "-cp", home.brokerLib().toString() + "/*");
            if (formatArgs != null) format(jvm, props, dir, formatArgs);
            if (node.metricsPort() > 0) {
                Path rules = dir.resolve(Monitoring.KAFKA_METRICS);
                Files.writeString(rules, Monitoring.file(Monitoring.KAFKA_METRICS));
                jvm = concat(List.of("-javaagent:" + home.jmxExporterAgent() + "=127.0.0.1:" + node.metricsPort() + ":" + rules),
                        jvm.toArray(String[]::new));
            }
            JavaProcess broker = JavaProcess.start("kafka-broker-" + node.id(), concat(jvm, "kafka.Kafka", props.toString()),
                    dir.resolve("broker.out"), line -> {}, ownSession);
            String bootstrap = "127.0.0.1:" + node.port();
            return security == null ? new KafkaBroker(broker, bootstrap, dir, node.metricsPort(), bootstrap, Map.of())
                    : new KafkaBroker(broker, bootstrap, dir, node.metricsPort(), "127.0.0.1:" + node.internalPort(), security.adminSettings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while starting Kafka");
        }
    }

    private static void format(List<String> jvm, Path props, Path dir, List<String> formatArgs) throws InterruptedException {
        List<String> command = concat(jvm, "kafka.tools.StorageTool", "format", "-c", props.toString());
        command.addAll(formatArgs);
        try (JavaProcess format = JavaProcess.start("kafka-format", command, dir.resolve("format.log"), line -> {})) {
            Integer exit = format.waitFor(Duration.ofSeconds(90));
            if (exit == null || exit != 0) {
                throw new LocalModeException("formatting Kafka storage failed (" + format.stderrTail() + "), see " + dir.resolve("format.log"));
            }
        }
    }

    /** The broker's Prometheus metrics endpoint, or null without one. */
    public String metricsUrl() {
        return metricsPort > 0 ? "http://127.0.0.1:" + metricsPort + "/metrics" : null;
    }

    /** The controller port a formatted broker was started with (its voter endpoint is stored with its data). */
    private static int controllerPort(Path props) throws IOException {
        for (String line : Files.readAllLines(props)) {
            if (line.startsWith("controller.quorum.bootstrap.servers=")) return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
        }
        throw new LocalModeException(props + " names no controller port; delete " + props.getParent() + " to start afresh");
    }

    /** Where the components connect (secured: SCRAM over TLS). */
    public String bootstrap() {
        return bootstrap;
    }

    /** Where local mode's own admin clients connect: {@link #bootstrap()}, or, secured, the admin's TLS listener. */
    public String adminBootstrap() {
        return adminBootstrap;
    }

    /** The admin clients' security settings (none when plaintext). */
    public Map<String, String> adminSettings() {
        return adminSettings;
    }

    /** A configuration for local mode's own admin client: {@link #adminBootstrap()}, {@link #adminSettings()}, the API timeout. */
    public Map<String, Object> adminConfig(Duration apiTimeout) {
        Map<String, Object> config = new java.util.HashMap<>(adminSettings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, adminBootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(apiTimeout.toMillis()));
        return config;
    }

    public long pid() {
        return process.pid();
    }

    /** The process, for fault injection (kill, pause, resume). */
    JavaProcess process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    void awaitReadyOrClose(Duration timeout) {
        try {
            awaitReady(timeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Waits until this node answers a metadata request. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = adminConfig(Duration.ofSeconds(3));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LocalModeException("Kafka broker exited during start-up (" + process.stderrTail() + "), see " + dir.resolve("broker.log"));
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new LocalModeException("Kafka broker did not become ready within " + timeout.toSeconds() + "s, see " + dir.resolve("broker.log"));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private static String serverProperties(Path data, Node node, String quorum, int replication, KafkaSecurity security) {
        int minIsr = Math.max(1, replication - 1);
        String listeners = security != null ? security.serverProperties(node.port(), node.internalPort(), node.controllerPort()).strip()
                : String.join("\n",
                        "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port(),
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "inter.broker.listener.name=PLAINTEXT");
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node.id(),
                quorum,
                listeners,
                "log.dirs=" + data,
                "num.partitions=4",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + minIsr,
                "unclean.leader.election.enable=false",
                "offsets.topic.replication.factor=" + replication,
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minIsr,
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=" + replication,
                "share.coordinator.state.topic.min.isr=" + minIsr,
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "transaction.max.timeout.ms=900000",
                "log.flush.interval.messages=9223372036854775807",
                "");
    }

    private static String log4jProperties(Path logFile) {
        return String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + logFile,
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.kafka.name=kafka",
                "logger.kafka.level=WARN",
                "logger.apache.name=org.apache.kafka",
                "logger.apache.level=WARN",
                "logger.server.name=kafka.server.KafkaRaftServer",
                "logger.server.level=INFO",
                "");
    }

    /**
     * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (what StorageTool random-uuid prints).
     * Like Kafka's own, never one starting with '-': the storage tool would read it as an option.
     */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] b = new byte[16];
        String id;
        do {
            random.nextBytes(b);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        } while (id.startsWith("-"));
        return id;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A free port other than {@code other}. */
    static int freePort(int other) throws IOException {
        return freePortBut(List.of(other));
    }

    /** A free port none of {@code taken}. */
    static int freePortBut(java.util.Collection<Integer> taken) throws IOException {
        int port = freePort();
        while (taken.contains(port)) port = freePort();
        return port;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
