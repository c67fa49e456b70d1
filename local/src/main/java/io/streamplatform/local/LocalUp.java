package io.streamplatform.local;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.Durations;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.job.core.ConfiguredJob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code ./pipeline up}: a Kafka broker and catalogue jobs that keep running until Ctrl-C or SIGTERM, for a user's
 * own clients. Prints the bootstrap address, each job's topics and the Flink web UI. On the signal every job is
 * stopped with a savepoint, then the runtime and the broker; a later {@code up} with the same {@code --work-dir}
 * finds the broker's data and resumes each job from its savepoint.
 */
@Command(
        name = "pipeline up",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpAutoWidth = true,
        description = {
            "Starts a Kafka broker (127.0.0.1) and the chosen catalogue jobs on a local Flink",
            "runtime, and keeps them running until Ctrl-C or SIGTERM: feed the input topics",
            "with any Kafka client and read the results. Ctrl-C stops each job with a",
            "savepoint; `pipeline up --work-dir DIR` with the same DIR resumes them. With one",
            "--job, every other option is that job's own (`pipeline --job NAME --help`).",
            "Prints where each component's Prometheus metrics are; --prometheus also starts",
            "a Prometheus server with the platform's alert rules.",
            ""
        })
public final class LocalUp {
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    @Option(names = "--job", paramLabel = "NAME", description = "Catalogue job to run; repeat for several (default: " + Catalogue.DEFAULT_JOB + ").")
    List<String> jobs = new ArrayList<>();

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Port of the broker's client listener on 127.0.0.1.")
    int kafkaPort = 9092;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "Port of the Flink web UI and REST API on 127.0.0.1.")
    int uiPort = 8081;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created.")
    int partitions = 4;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "The broker's data, checkpoints and savepoints; reuse it to resume (default: a new temporary directory, kept).")
    Path workDir;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "90s", converter = Durations.Converter.class,
            description = "How long to wait for the broker to start.")
    Duration connectTimeout;

    @Option(names = "--secure",
            description = "Secure the broker: SCRAM-SHA-512 over TLS (a throwaway CA in the work directory), ACLs enforced, no plaintext "
                    + "listener; each job, the producer (the inputs) and the consumer (the outputs) get a user of their own, with a client "
                    + "config file in the work directory's security/.")
    boolean secure;

    @Option(names = "--prometheus", description = "Also start a Prometheus server (the system's `prometheus`) on 127.0.0.1 that scrapes every endpoint "
            + "and evaluates the chart's alert rules.")
    boolean prometheus;

    @Option(names = "--prometheus-port", paramLabel = "PORT", description = "Port of Prometheus' web UI and API on 127.0.0.1, with --prometheus.")
    int prometheusPort = 9090;

    @Option(names = "--alert", paramLabel = "KEY=VALUE", description = "Override a tunable of the alert rules (the chart's monitoring.alerts), "
            + "e.g. lagGrowingFor=1m; repeatable.")
    Map<String, String> alertOverrides = new LinkedHashMap<>();

    @Option(names = "--producer-metrics-port", paramLabel = "PORT",
            description = "Where Prometheus looks for a producer's metrics on 127.0.0.1 (run it with --metrics-port PORT).")
    int producerMetricsPort = 9404;

    @Option(names = "--consumer-metrics-port", paramLabel = "PORT",
            description = "Where Prometheus looks for a consumer's metrics on 127.0.0.1 (run it with --metrics-port PORT).")
    int consumerMetricsPort = 9405;

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    /** The alert rules with the overrides applied, made while the options are checked. */
    private String alertRules;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PrintStream out;

    /** Runs {@code up}; returns the exit code: 0 stopped cleanly, 1 a job failed, 2 bad usage or it could not start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        LocalUp up = new LocalUp();
        CommandLine cli = new CommandLine(up);
        cli.setOut(new PrintWriter(out, true));
        List<JobDefinition<?>> chosen;
        try {
            cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(cli.getParseResult())) return 0;
            chosen = up.validate(cli);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        }
        up.out = out;
        try {
            return up.execute(chosen);
        } catch (LocalModeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } finally {
            up.closeAll();
        }
    }

    private List<JobDefinition<?>> validate(CommandLine cli) {
        if (jobs.isEmpty()) jobs.add(Catalogue.DEFAULT_JOB);
        List<JobDefinition<?>> chosen = new ArrayList<>();
        for (String name : jobs) {
            JobDefinition<?> job = LocalConfig.job(cli, name);
            if (chosen.contains(job)) throw new CommandLine.ParameterException(cli, "--job " + name + " is given twice");
            chosen.add(job);
        }
        if (!jobArgs.isEmpty() && chosen.size() > 1) {
            throw new CommandLine.ParameterException(cli, "job options (" + String.join(" ", jobArgs) + ") need exactly one --job");
        }
        check(cli, port(kafkaPort) && port(uiPort), "--kafka-port and --ui-port must be in 1..65535");
        check(cli, kafkaPort != uiPort, "--kafka-port and --ui-port must differ");
        check(cli, partitions > 0, "--partitions must be > 0");
        check(cli, port(prometheusPort) && port(producerMetricsPort) && port(consumerMetricsPort),
                "--prometheus-port, --producer-metrics-port and --consumer-metrics-port must be in 1..65535");
        check(cli, Set.of(kafkaPort, uiPort, prometheusPort, producerMetricsPort, consumerMetricsPort).size() == 5,
                "--kafka-port, --ui-port, --prometheus-port, --producer-metrics-port and --consumer-metrics-port must differ");
        try {
            alertRules = LocalMonitoring.alertRules(alertOverrides);
        } catch (LocalModeException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        Map<String, String> writers = new HashMap<>();
        for (JobDefinition<?> job : chosen) {
            var options = job.parse(args(job, "127.0.0.1:" + kafkaPort, Path.of("checkpoints")));
            for (TopicRole role : job.topics()) {
                if (!role.written()) continue;
                String other = writers.put(options.topic(role), job.name());
                check(cli, other == null, "jobs " + other + " and " + job.name() + " both write topic '" + options.topic(role) + "'");
            }
        }
        return chosen;
    }

    private int execute(List<JobDefinition<?>> chosen) {
        Path dir = prepareWorkDir();
        lock(dir);
        requireFree(kafkaPort, "--kafka-port");
        requireFree(uiPort, "--ui-port");
        if (prometheus) requireFree(prometheusPort, "--prometheus-port");
        PlatformHome home = PlatformHome.locate();
        Set<Integer> taken = new HashSet<>(Set.of(kafkaPort, uiPort, prometheusPort, producerMetricsPort, consumerMetricsPort));
        int kafkaMetricsPort = freePortBut(taken);
        int flinkMetricsPort = freePortBut(taken);

        KafkaSecurity security = secure ? KafkaSecurity.in(dir.resolve("security")) : null;
        stage("Starting a Kafka broker on 127.0.0.1:" + kafkaPort + (secure ? " (" + KafkaSecurity.MECHANISM + " over TLS, ACLs)" : "")
                + " with its data in " + dir.resolve("kafka"));
        KafkaBroker broker = register(KafkaBroker.start(home, dir.resolve("kafka"), kafkaPort, kafkaMetricsPort, true, security, connectTimeout));
        String bootstrap = broker.bootstrap();
        LagExporter lag = register(LagExporter.start(broker.adminBootstrap(), broker.adminSettings()));

        Map<JobDefinition<?>, ConfiguredJob<?>> configured = new LinkedHashMap<>();
        Map<String, List<KafkaAccess.Acl>> users = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        int slots = 0;
        for (JobDefinition<?> job : chosen) {
            ConfiguredJob<?> c = ConfiguredJob.of(job, args(job, bootstrap, dir.resolve("checkpoints")));
            TopicAdmin.ensureTopics(broker.adminBootstrap(), broker.adminSettings(), TopicAdmin.topicsOf(job, c.options()), partitions, connectTimeout);
            for (TopicRole role : job.topics()) (role.written() ? outputs : inputs).add(c.options().topic(role));
            if (secure) users.put(LocalUsers.jobUser(job), KafkaAccess.job(job, c.options()));
            configured.put(job, c);
            slots += c.options().parallelism == null ? 1 : c.options().parallelism;
        }
        String producerConfig = "", consumerConfig = "";
        if (secure) {
            users.put(LocalUsers.PRODUCER, KafkaAccess.producer(inputs));
            users.put(LocalUsers.CONSUMER, KafkaAccess.consumer(outputs, null));
            LocalUsers made = LocalUsers.create(broker, security, dir.resolve("security"), users, connectTimeout);
            stage("Users and ACLs: " + made.describe());
            producerConfig = " " + ClientConfig.OPTION + " " + made.file(LocalUsers.PRODUCER);
            consumerConfig = " " + ClientConfig.OPTION + " " + made.file(LocalUsers.CONSUMER);
            for (JobDefinition<?> job : chosen) {
                List<String> withConfig = new ArrayList<>(args(job, bootstrap, dir.resolve("checkpoints")));
                withConfig.addAll(List.of(ClientConfig.OPTION, made.file(LocalUsers.jobUser(job)).toString()));
                configured.put(job, ConfiguredJob.of(job, withConfig));
            }
        }
        stage("Starting the Flink runtime, web UI on http://127.0.0.1:" + uiPort);
        LocalFlinkCluster flink = register(new LocalFlinkCluster(slots, uiPort, flinkMetricsPort));

        Map<String, JobID> running = new LinkedHashMap<>();
        for (var entry : configured.entrySet()) {
            JobDefinition<?> job = entry.getKey();
            String savepoint = readSavepoint(dir, job);
            JobID id = flink.submit(entry.getValue(), savepoint);
            flink.awaitRunning(id, Duration.ofSeconds(120));
            running.put(job.name(), id);
            stage("Job " + job.name() + " running, " + (savepoint == null ? "started fresh" : "resumed from " + savepoint));
            String row = "      %-6s %-" + LocalConfig.roleWidth(job) + "s %s%n";
            for (TopicRole role : job.topics()) {
                out.printf(row, role.kind() == TopicRole.Kind.INPUT ? "reads" : "writes", role.role(), entry.getValue().options().topic(role));
            }
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("flink", flink.metricsUrl());
        endpoints.put("kafka", broker.metricsUrl());
        endpoints.put("kafka-lag", lag.metricsUrl());
        out.println();
        endpoints.forEach((component, url) -> LocalMonitoring.print(out, component, url));
        String prometheusUrl = null;
        if (prometheus) {
            Map<String, String> targets = new LinkedHashMap<>();
            endpoints.forEach((component, url) -> targets.put(component, LocalMonitoring.target(url)));
            targets.put("producer", "127.0.0.1:" + producerMetricsPort);
            targets.put("consumer", "127.0.0.1:" + consumerMetricsPort);
            stage("Starting Prometheus on http://127.0.0.1:" + prometheusPort + " with its data in " + dir.resolve("prometheus"));
            prometheusUrl = register(PrometheusServer.start(dir.resolve("prometheus"), prometheusPort, targets,
                    alertRules, connectTimeout)).url();
            out.println("prometheus " + prometheusUrl);
        }
        out.println();
        out.println("Ready. Kafka: " + bootstrap + "   Flink web UI: http://127.0.0.1:" + uiPort);
        out.println("Feed the input topics with any Kafka client, e.g.");
        out.println("  java -jar producer/target/producer.jar --bootstrap " + bootstrap + producerConfig + " --job " + chosen.get(0).name()
                + " --rate 100" + (prometheus ? " --metrics-port " + producerMetricsPort : ""));
        out.println("  java -jar consumer/target/consumer.jar --bootstrap " + bootstrap + consumerConfig + " --job " + chosen.get(0).name()
                + (prometheus ? " --metrics-port " + consumerMetricsPort : ""));
        out.println("Ctrl-C stops the jobs with a savepoint; `./pipeline up --work-dir " + dir + "` resumes them.");
        out.println("UP bootstrap=" + bootstrap + (secure ? " secure=true" : "") + " ui=http://127.0.0.1:" + uiPort + " work_dir=" + dir + " jobs=" + String.join(",", running.keySet())
                + (prometheusUrl == null ? "" : " prometheus=" + prometheusUrl));
        out.flush();

        String failed = awaitSignalOrFailure(flink, running);
        if (failed != null) {
            out.println("==> " + failed + "; stopping");
            return 1;
        }
        for (var entry : running.entrySet()) {
            stage("Stopping job " + entry.getKey() + " with a savepoint");
            String path = flink.stopWithSavepoint(entry.getValue(), dir.resolve("savepoints").resolve(entry.getKey()).toUri().toString(),
                    false, STOP_TIMEOUT);
            writeSavepoint(dir, entry.getKey(), path);
            stage("Savepoint " + path);
        }
        closeAll();
        out.println("Stopped. Resume with: ./pipeline up --work-dir " + dir
                + (jobs.equals(List.of(Catalogue.DEFAULT_JOB)) ? "" : " --job " + String.join(" --job ", jobs)));
        out.flush();
        return 0;
    }

    /**
     * Waits for SIGINT or SIGTERM, handled here rather than by the JVM's shutdown, so the jobs' savepoints are taken
     * while the runtime and the broker are still up. Returns null on a signal, or what went wrong when a job ended.
     */
    private static String awaitSignalOrFailure(LocalFlinkCluster flink, Map<String, JobID> running) {
        CountDownLatch signalled = new CountDownLatch(1);
        SignalHandler onSignal = s -> signalled.countDown();
        var previousInt = Signal.handle(new Signal("INT"), onSignal);
        var previousTerm = Signal.handle(new Signal("TERM"), onSignal);
        try {
            while (!signalled.await(500, TimeUnit.MILLISECONDS)) {
                for (var entry : running.entrySet()) {
                    JobResult result = flink.resultIfDone(entry.getValue());
                    if (result != null) {
                        return "job " + entry.getKey() + " ended: " + result.getApplicationStatus()
                                + result.getSerializedThrowable().map(t -> " " + LocalFlinkCluster.rootMessage(t)).orElse("");
                    }
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            Signal.handle(new Signal("INT"), previousInt);
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }

    /** The job's arguments: its names in up mode are {@code up-<job>}, stable across restarts so savepoints and offsets carry over. */
    private List<String> args(JobDefinition<?> job, String bootstrap, Path checkpoints) {
        return LocalJobArgs.of(job, bootstrap, "up-" + job.name(), checkpoints.toUri().toString(), LocalJobArgs.defaults(job), jobArgs);
    }

    private Path prepareWorkDir() {
        try {
            if (workDir == null) return Files.createTempDirectory("pipeline-up-");
            Files.createDirectories(workDir);
            return workDir.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new LocalModeException("cannot create the work directory: " + e.getMessage());
        }
    }

    /** Holds a lock on the work directory while up runs: two brokers on one data directory would corrupt it. */
    private void lock(Path dir) {
        try {
            FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LocalModeException("work directory " + dir + " is in use by another `pipeline up`");
            }
            register(channel);
        } catch (IOException e) {
            throw new LocalModeException("cannot lock the work directory " + dir + ": " + e.getMessage());
        }
    }

    private static int freePortBut(Set<Integer> taken) {
        try {
            int port = KafkaBroker.freePortBut(taken);
            taken.add(port);
            return port;
        } catch (IOException e) {
            throw new LocalModeException("cannot find a free port on 127.0.0.1: " + e.getMessage());
        }
    }

    private static void requireFree(int port, String option) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new LocalModeException("port " + port + " on 127.0.0.1 (" + option + ") is already in use");
        }
    }

    private static String readSavepoint(Path dir, JobDefinition<?> job) {
        Path file = savepointFile(dir, job.name());
        try {
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new LocalModeException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void writeSavepoint(Path dir, String job, String path) {
        Path file = savepointFile(dir, job);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, path + "\n");
        } catch (IOException e) {
            throw new LocalModeException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Where up keeps the path of a job's latest savepoint. */
    static Path savepointFile(Path dir, String job) {
        return dir.resolve("savepoints").resolve(job + ".latest");
    }

    private void stage(String message) {
        out.println("==> " + message);
        out.flush();
    }

    private static boolean port(int p) {
        return p > 0 && p <= 65535;
    }

    private static void check(CommandLine cli, boolean ok, String message) {
        if (!ok) throw new CommandLine.ParameterException(cli, message);
    }

    private <T extends AutoCloseable> T register(T resource) {
        toClose.add(resource);
        return resource;
    }

    /** Ends everything up started, newest first (the runtime before the broker); safe to call twice. */
    private void closeAll() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.err.println("warning: closing " + toClose.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        toClose.clear();
    }
}
