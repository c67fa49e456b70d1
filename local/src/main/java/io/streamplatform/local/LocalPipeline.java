package io.streamplatform.local;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.Durations;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.job.core.ConfiguredJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import picocli.CommandLine;

/**
 * Local mode: a catalogue job on this machine, verified. Broker → topics → job → verifying consumer (the job's
 * verifier) → producer (the job's generator); once the job has caught up with its input, it is stopped with a
 * draining savepoint so the last windows fire; then the consumer's verdict, a summary and the {@code RESULT} line.
 * Everything it started is ended. {@code up} keeps a broker and jobs running instead ({@link LocalUp}); {@code chaos} runs
 * the job on a multi-process cluster while faults are injected ({@link ChaosRun}).
 */
public class LocalPipeline {
    private static final Duration POLL = Duration.ofMillis(100);

    final LocalConfig config;
    final PrintStream out;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    Path workDir;
    private boolean ownsWorkDir;

    LocalPipeline(LocalConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs local mode; returns the exit code: 0 PASS, 1 FAIL, 2 bad usage or the run could not be done. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("up")) return LocalUp.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        boolean chaos = args.length > 0 && args[0].equals("chaos");
        LocalConfig config;
        try {
            config = chaos ? LocalConfig.parse(new ChaosConfig(), out, Arrays.copyOfRange(args, 1, args.length)) : LocalConfig.parse(out, args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        }
        if (config == null) return 0; // --help or --version, printed
        if (config.listJobs) {
            LocalConfig.listJobs(out);
            return 0;
        }
        LocalPipeline pipeline = chaos ? new ChaosRun((ChaosConfig) config, out) : new LocalPipeline(config, out);
        Thread hook = new Thread(pipeline::shutdown, "local-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunReport report = pipeline.execute();
            return report.passed() ? 0 : 1;
        } catch (LocalModeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } finally {
            pipeline.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running the hook
            }
        }
    }

    RunReport execute() {
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        JobDefinition<?> definition = config.definition;
        PlatformHome home = PlatformHome.locate();
        workDir = prepareWorkDir();

        String bootstrap = config.bootstrap;
        String brokerMetrics = null;
        KafkaBroker broker = null;
        KafkaSecurity security = null;
        if (bootstrap == null) {
            security = config.secure ? KafkaSecurity.in(workDir.resolve("security")) : null;
            stage("Starting a Kafka broker (KRaft, 127.0.0.1" + (config.secure ? ", " + KafkaSecurity.MECHANISM + " over TLS, ACLs" : "")
                    + ") in " + workDir.resolve("kafka"));
            broker = register(KafkaBroker.start(home, workDir.resolve("kafka"), 0, freePort(), false, security, Duration.ofSeconds(90)));
            bootstrap = broker.bootstrap();
            brokerMetrics = broker.metricsUrl();
        }
        List<String> jobArgs = config.jobArgs(bootstrap, runId, workDir.resolve("checkpoints").toUri().toString());
        ConfiguredJob<?> job = ConfiguredJob.of(definition, jobArgs);
        JobOptions options = job.options();
        // Local mode's own admin clients (topics, lag): the broker's admin listener, or, against a user's Kafka, the
        // job's --client-config. The producer and verifier get theirs, or the job's.
        String adminBootstrap = broker == null ? bootstrap : broker.adminBootstrap();
        var adminSettings = broker == null ? options.clientSecurity() : broker.adminSettings();
        VerifiedRun.ClientConfigs clients = new VerifiedRun.ClientConfigs(
                config.producerClientConfig == null ? options.clientConfig : config.producerClientConfig.toString(),
                config.consumerClientConfig == null ? options.clientConfig : config.consumerClientConfig.toString());
        if (security != null) {
            LocalUsers users = LocalUsers.create(broker, security, workDir.resolve("security"), definition, options, config.connectTimeout);
            stage("Users and ACLs: " + users.describe());
            jobArgs = new ArrayList<>(jobArgs);
            jobArgs.addAll(List.of(ClientConfig.OPTION, users.file(LocalUsers.jobUser(definition)).toString()));
            job = ConfiguredJob.of(definition, jobArgs);
            options = job.options();
            clients = new VerifiedRun.ClientConfigs(users.file(LocalUsers.PRODUCER).toString(), users.file(LocalUsers.VERIFIER).toString());
        }
        LagExporter lag = register(LagExporter.start(adminBootstrap, adminSettings));
        List<String> topics = List.copyOf(options.topics().values());
        var created = TopicAdmin.ensureTopics(adminBootstrap, adminSettings, TopicAdmin.topicsOf(definition, options),
                config.partitions, config.connectTimeout);
        stage("Kafka at " + bootstrap + "; topics " + topics + (created.isEmpty() ? " (existing)" : " (" + config.partitions + " partitions each)"));

        stage(VerifiedRun.describe(definition, options));
        LocalFlinkCluster flink = register(new LocalFlinkCluster(options.parallelism == null ? 1 : options.parallelism, 0, freePort()));
        LocalMonitoring.print(out, "flink", flink.metricsUrl());
        if (brokerMetrics != null) LocalMonitoring.print(out, "kafka", brokerMetrics);
        LocalMonitoring.print(out, "kafka-lag", lag.metricsUrl());
        JobID jobId = flink.submit(job, null);
        flink.awaitRunning(jobId, Duration.ofSeconds(120));

        VerifiedRun.RunningJob running = new VerifiedRun.RunningJob() {
            @Override
            public String failure() {
                JobResult result = flink.resultIfDone(jobId);
                if (result != null) return "ended unexpectedly: " + LocalFlinkCluster.describe(result);
                String refusal = flink.kafkaRefusal(jobId);
                return refusal == null ? null : "is refused by Kafka and restarts in vain: " + refusal;
            }

            @Override
            public long completedCheckpoints() {
                return flink.status(jobId) == JobStatus.RUNNING ? flink.completedCheckpoints(jobId) : 0;
            }

            @Override
            public String drain() {
                return flink.stopWithSavepoint(jobId, workDir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(120));
            }
        };
        RunReport report = new VerifiedRun(config, out, home, workDir, this::register)
                .run(definition, options, jobArgs, clients, bootstrap, runId, running, Duration.ofSeconds(60), producing -> { }, () -> true, () -> "");
        out.print(report.humanSummary());
        out.println(report.resultLine());
        return report;
    }

    private static int freePort() {
        try {
            return KafkaBroker.freePort();
        } catch (java.io.IOException e) {
            throw new LocalModeException("cannot find a free port on 127.0.0.1: " + e.getMessage());
        }
    }

    void stage(String message) {
        out.println("==> " + message);
        out.flush();
    }

    Path prepareWorkDir() {
        try {
            if (config.workDir != null) {
                Files.createDirectories(config.workDir);
                return config.workDir.toAbsolutePath();
            }
            ownsWorkDir = !config.keep;
            return Files.createTempDirectory("pipeline-local-");
        } catch (IOException e) {
            throw new LocalModeException("cannot create the work directory: " + e.getMessage());
        }
    }

    <T extends AutoCloseable> T register(T resource) {
        synchronized (toClose) {
            toClose.add(resource);
        }
        return resource;
    }

    /** Ends everything this run started, newest first; safe to call twice (normal end and shutdown hook). */
    void shutdown() {
        List<AutoCloseable> resources;
        synchronized (toClose) {
            resources = new ArrayList<>(toClose);
            toClose.clear();
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("warning: closing " + resources.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (ownsWorkDir && workDir != null && Files.exists(workDir)) {
            WorkDirs.delete(workDir, System.err);
        } else if (workDir != null && !resources.isEmpty()) {
            out.println("Logs and checkpoints kept in " + workDir);
        }
    }
}
