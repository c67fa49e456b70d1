package io.streamplatform.local;

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
 * Everything it started is ended. {@code up} keeps a broker and jobs running instead ({@link LocalUp}).
 */
public final class LocalPipeline {
    private static final Duration POLL = Duration.ofMillis(100);

    private final LocalConfig config;
    private final PrintStream out;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path workDir;
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
        LocalConfig config;
        try {
            config = LocalConfig.parse(out, args);
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
        LocalPipeline pipeline = new LocalPipeline(config, out);
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
        long started = System.nanoTime();
        long deadline = started + config.timeout.toNanos();
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        JobDefinition<?> definition = config.definition;
        PlatformHome home = PlatformHome.locate();
        workDir = prepareWorkDir();

        String bootstrap = config.bootstrap;
        if (bootstrap == null) {
            stage("Starting a Kafka broker (KRaft, 127.0.0.1) in " + workDir.resolve("kafka"));
            KafkaBroker broker = register(KafkaBroker.start(home, workDir.resolve("kafka"), Duration.ofSeconds(90)));
            bootstrap = broker.bootstrap();
        }
        List<String> jobArgs = config.jobArgs(bootstrap, runId, workDir.resolve("checkpoints"));
        ConfiguredJob<?> job = ConfiguredJob.of(definition, jobArgs);
        JobOptions options = job.options();
        List<String> topics = List.copyOf(options.topics().values());
        var created = TopicAdmin.ensureTopics(bootstrap, TopicAdmin.topicsOf(definition, options), config.partitions, config.connectTimeout);
        stage("Kafka at " + bootstrap + "; topics " + topics + (created.isEmpty() ? " (existing)" : " (" + config.partitions + " partitions each)"));

        stage("Starting the " + definition.name() + " job (parallelism " + options.parallelism + ", "
                + JobOptions.DashedEnumConverter.dashed(options.delivery) + ", checkpoints every " + Durations.format(options.checkpointInterval)
                + (options.stateBackend == null ? "" : ", " + JobOptions.DashedEnumConverter.dashed(options.stateBackend) + " state") + ")");
        LocalFlinkCluster flink = register(new LocalFlinkCluster(options.parallelism == null ? 1 : options.parallelism));
        JobID jobId = flink.submit(job, null);
        flink.awaitRunning(jobId, Duration.ofSeconds(120));

        MalformedPlan plan = new MalformedPlan(config.malformedFraction);
        long expectedValid = plan.validIn(config.events);
        long expectedMalformed = plan.malformedIn(config.events);

        ChildOutput consumed = new ChildOutput("VERIFY");
        List<String> consumerArgs = new ArrayList<>(List.of("--job", definition.name(), "--bootstrap", bootstrap, "--verify",
                "--run-id", runId, "--expect-valid", Long.toString(expectedValid), "--expect-malformed", Long.toString(expectedMalformed),
                "--idle-timeout", "60s", "--settle", "2s", "--progress-interval", "200ms", "--"));
        consumerArgs.addAll(jobArgs);
        JavaProcess consumer = register(home.startApp("consumer", List.of("-Xmx512m"), consumerArgs, workDir.resolve("consumer.log"), consumed::accept));
        awaitStarted(consumer, consumed, Duration.ofSeconds(60));

        String input = options.topic(definition.inputs().get(0));
        List<String> inputs = definition.inputs().stream().map(options::topic).toList();
        stage("Producing " + String.format("%,d", config.events) + " records"
                + (config.rate == 0 ? " as fast as possible" : " at " + String.format("%,d", config.rate) + "/s")
                + " over " + config.keys + " keys, " + expectedMalformed + " malformed; run id " + runId);
        ChildOutput produced = new ChildOutput("SUMMARY");
        long produceStart = System.nanoTime();
        List<String> producerArgs = new ArrayList<>(List.of("--job", definition.name(),
                "--bootstrap", bootstrap, "--topic", input, "--run-id", runId,
                "--count", Long.toString(config.events), "--rate", Integer.toString(config.rate),
                "--keys", Integer.toString(config.keys), "--malformed-fraction", Double.toString(config.malformedFraction)));
        for (var other : definition.inputs().subList(1, definition.inputs().size())) {
            producerArgs.addAll(List.of("--role-topic", other.role() + "=" + options.topic(other)));
        }
        JavaProcess producer = register(home.startApp("producer", List.of("-Xmx512m"), producerArgs, workDir.resolve("producer.log"), produced::accept));

        long caughtUpAt = 0;
        boolean drained = false;
        long nextProgress = System.nanoTime();
        long checkpoints = 0;
        long lag = -1;
        long nextLagCheck = 0;
        while (true) {
            if (System.nanoTime() > deadline) throw new LocalModeException("the run did not finish within " + Durations.format(config.timeout));
            if (!drained) {
                JobResult result = flink.resultIfDone(jobId);
                if (result != null) {
                    throw new LocalModeException("the Flink job ended unexpectedly: " + result.getApplicationStatus()
                            + result.getSerializedThrowable().map(t -> " " + LocalFlinkCluster.rootMessage(t)).orElse(""));
                }
            }
            if (!producer.isAlive()) {
                Integer exit = waitQuietly(producer);
                if (exit != null && exit != 0) {
                    throw new LocalModeException("the producer failed (exit " + exit + "): " + producer.stderrTail());
                }
            }
            // Caught up: the producer is done and the job has processed all of its input, as the verifier sees it in
            // the output or, failing that, as the job's committed input offsets show (they lag a checkpoint or more).
            if (caughtUpAt == 0 && !producer.isAlive()) {
                if (consumed.progressFlag("caught_up")) {
                    caughtUpAt = System.nanoTime();
                } else if (System.nanoTime() >= nextLagCheck) {
                    lag = TopicAdmin.lag(bootstrap, options.groupId, inputs, config.connectTimeout);
                    if (lag == 0) caughtUpAt = System.nanoTime();
                    nextLagCheck = System.nanoTime() + 1_000_000_000L;
                }
            }
            if (caughtUpAt != 0 && !drained) {
                checkpoints = flink.completedCheckpoints(jobId);
                stage("The job has caught up with its input; stopping it with a draining savepoint so the last windows fire");
                String savepoint = flink.stopWithSavepoint(jobId, workDir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(120));
                stage("Savepoint " + savepoint);
                drained = true;
            }
            if (!consumer.isAlive()) break;
            if (!config.quiet && System.nanoTime() >= nextProgress) {
                if (!drained && flink.status(jobId) == JobStatus.RUNNING) checkpoints = flink.completedCheckpoints(jobId);
                progress(started, produced, consumed, checkpoints, lag);
                nextProgress += 1_000_000_000L;
            }
            pause();
        }
        waitQuietly(consumer);
        if (consumed.finalLine() == null) {
            throw new LocalModeException("the verifying consumer ended without a verdict: " + consumer.stderrTail());
        }
        if (produced.finalLine() != null && produced.result("malformed") != expectedMalformed) {
            throw new LocalModeException("the producer sent " + produced.result("malformed") + " malformed records, expected " + expectedMalformed);
        }
        // From the producer's first send (its SUMMARY reports how long it sent for) to the job having caught up.
        long firstSend = produced.finalAtNanos() == 0 ? produceStart
                : produced.finalAtNanos() - produced.result("elapsed_ms") * 1_000_000L;
        long pipelineNanos = Math.max(1, (caughtUpAt == 0 ? System.nanoTime() : caughtUpAt) - firstSend);
        RunReport report = new RunReport(
                definition.name(),
                runId,
                produced.result("sent"),
                expectedValid,
                expectedMalformed,
                consumed.figures(),
                consumed.summary(),
                Math.round(config.events / (pipelineNanos / 1e9)),
                checkpoints,
                (System.nanoTime() - started) / 1e9,
                "PASS".equals(consumed.finalLine().get("verdict")),
                consumed.problems());
        out.print(report.humanSummary());
        out.println(report.resultLine());
        return report;
    }

    private void progress(long started, ChildOutput produced, ChildOutput consumed, long checkpoints, long lag) {
        StringBuilder verified = new StringBuilder();
        consumed.progress().forEach((k, v) -> {
            if (!k.equals("complete") && !k.equals("caught_up")) verified.append(" | ").append(k).append(' ').append(String.format("%,d", ChildOutput.number(v)));
        });
        out.printf("[%4ds] produced %,d/%,d (%,d/s)%s | checkpoints %,d%s%n",
                (System.nanoTime() - started) / 1_000_000_000L,
                produced.progress("sent"), config.events, produced.progress("rate"), verified, checkpoints,
                lag < 0 ? "" : String.format(" | input not yet checkpointed %,d", lag));
        out.flush();
    }

    private void stage(String message) {
        out.println("==> " + message);
        out.flush();
    }

    private void awaitStarted(JavaProcess process, ChildOutput output, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.started()) {
            if (!process.isAlive()) throw new LocalModeException("the " + process.name() + " exited at start: " + process.stderrTail());
            if (System.nanoTime() > deadline) throw new LocalModeException("the " + process.name() + " did not start within " + timeout.toSeconds() + "s");
            pause();
        }
    }

    private Path prepareWorkDir() {
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

    private <T extends AutoCloseable> T register(T resource) {
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

    private static Integer waitQuietly(JavaProcess p) {
        try {
            return p.waitFor(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // the orchestrator's polling interval; every wait above has a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted");
        }
    }
}
