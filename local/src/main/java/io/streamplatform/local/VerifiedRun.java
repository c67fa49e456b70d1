package io.streamplatform.local;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.Durations;
import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The verified part of a local run, whatever runs the job: the verifying consumer (the job's verifier, reading
 * {@code read_committed}) and the producer (the job's generator) as child JVMs; once the producer is done and the
 * job has caught up with its input, the job is stopped with a draining savepoint so the last windows fire; then the
 * consumer's verdict and the {@link RunReport}.
 */
final class VerifiedRun {
    private static final Duration POLL = Duration.ofMillis(100);

    /** The producer's and the verifying consumer's {@code --client-config} files (null: none). */
    record ClientConfigs(String producer, String consumer) {}

    /** The job, on whatever Flink runs it. */
    interface RunningJob {
        /** Null while the job runs (or is being recovered); otherwise what went wrong, after "the Flink job ". */
        String failure();

        /** Completed checkpoints so far, for progress lines; may be 0 when unknown. */
        long completedCheckpoints();

        /** Stops the job with a draining savepoint and returns the savepoint's path. */
        String drain();
    }

    private final LocalConfig config;
    private final PrintStream out;
    private final PlatformHome home;
    private final Path workDir;
    private final UnaryOperator<JavaProcess> register;

    /** @param register takes ownership of each child process started (ended by the caller's shutdown) */
    VerifiedRun(LocalConfig config, PrintStream out, PlatformHome home, Path workDir, UnaryOperator<JavaProcess> register) {
        this.config = config;
        this.out = out;
        this.home = home;
        this.workDir = workDir;
        this.register = register;
    }

    /**
     * Produces, verifies and drains.
     *
     * @param idleTimeout how long the verifier waits for output before giving up (longer under faults)
     * @param tick called on every turn of the polling loop (fault injection) with whether the producer still runs; it
     *     may throw to end the run
     * @param mayDrain whether the job may be drained once it has caught up (not while a fault is being recovered)
     * @param progressSuffix appended to each progress line
     */
    RunReport run(JobDefinition<?> definition, JobOptions options, List<String> jobArgs, ClientConfigs clients, String bootstrap,
                  String runId, RunningJob job,
                  Duration idleTimeout, Consumer<Boolean> tick, BooleanSupplier mayDrain, Supplier<String> progressSuffix) {
        long started = System.nanoTime();
        long deadline = started + config.timeout.toNanos();
        MalformedPlan plan = new MalformedPlan(config.malformedFraction);
        long expectedValid = plan.validIn(config.events);
        long expectedMalformed = plan.malformedIn(config.events);

        ChildOutput consumed = new ChildOutput("VERIFY");
        List<String> consumerArgs = new ArrayList<>(List.of("--job", definition.name(), "--bootstrap", bootstrap, "--verify",
                "--run-id", runId, "--expect-valid", Long.toString(expectedValid), "--expect-malformed", Long.toString(expectedMalformed),
                "--idle-timeout", Durations.format(idleTimeout), "--settle", "2s", "--progress-interval", "200ms", "--metrics-port", "0"));
        if (clients.consumer() != null) consumerArgs.addAll(List.of(ClientConfig.OPTION, clients.consumer()));
        consumerArgs.add("--");
        consumerArgs.addAll(jobArgs);
        JavaProcess consumer = register.apply(home.startApp("consumer", List.of("-Xmx512m"), consumerArgs, workDir.resolve("consumer.log"),
                relayMetricsLine(consumed::accept)));
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
                "--keys", Integer.toString(config.keys), "--malformed-fraction", Double.toString(config.malformedFraction),
                "--metrics-port", "0"));
        if (clients.producer() != null) producerArgs.addAll(List.of(ClientConfig.OPTION, clients.producer()));
        for (var other : definition.inputs().subList(1, definition.inputs().size())) {
            producerArgs.addAll(List.of("--role-topic", other.role() + "=" + options.topic(other)));
        }
        JavaProcess producer = register.apply(home.startApp("producer", List.of("-Xmx512m"), producerArgs, workDir.resolve("producer.log"),
                relayMetricsLine(produced::accept)));

        long caughtUpAt = 0;
        boolean drained = false;
        long nextProgress = System.nanoTime();
        long checkpoints = 0;
        long lag = -1;
        long nextLagCheck = 0;
        while (true) {
            if (System.nanoTime() > deadline) throw new LocalModeException("the run did not finish within " + Durations.format(config.timeout));
            if (!drained) {
                String failure = job.failure();
                if (failure != null) throw new LocalModeException("the Flink job " + failure);
                tick.accept(producer.isAlive());
            }
            if (!producer.isAlive()) {
                Integer exit = waitQuietly(producer);
                if (exit != null && exit != 0) {
                    throw new LocalModeException("the producer failed (exit " + exit + "): " + producer.stderrTail());
                }
            }
            // Caught up: the producer is done and the job has processed all of its input, as the verifier sees it in
            // the output or, failing that, as the job's committed input offsets show (they lag a checkpoint or more).
            if (caughtUpAt == 0 && !producer.isAlive() && mayDrain.getAsBoolean()) {
                if (consumed.progressFlag("caught_up")) {
                    caughtUpAt = System.nanoTime();
                } else if (System.nanoTime() >= nextLagCheck) {
                    lag = TopicAdmin.lag(bootstrap, options.clientSecurity(), options.groupId, inputs, config.connectTimeout);
                    if (lag == 0) caughtUpAt = System.nanoTime();
                    nextLagCheck = System.nanoTime() + 1_000_000_000L;
                }
            }
            if (caughtUpAt != 0 && !drained) {
                checkpoints = job.completedCheckpoints();
                stage("The job has caught up with its input; stopping it with a draining savepoint so the last windows fire");
                stage("Savepoint " + job.drain());
                drained = true;
            }
            if (!consumer.isAlive()) break;
            if (!config.quiet && System.nanoTime() >= nextProgress) {
                if (!drained) checkpoints = Math.max(checkpoints, job.completedCheckpoints());
                progress(started, produced, consumed, checkpoints, lag, progressSuffix.get());
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
        return new RunReport(
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
    }

    /** The line announcing the job's start: its parallelism, guarantee, checkpoint interval and state backend. */
    static String describe(JobDefinition<?> definition, JobOptions options) {
        return "Starting the " + definition.name() + " job (parallelism " + options.parallelism + ", "
                + JobOptions.DashedEnumConverter.dashed(options.delivery) + ", checkpoints every " + Durations.format(options.checkpointInterval)
                + (options.stateBackend == null ? "" : ", " + JobOptions.DashedEnumConverter.dashed(options.stateBackend) + " state") + ")";
    }

    private void progress(long started, ChildOutput produced, ChildOutput consumed, long checkpoints, long lag, String suffix) {
        StringBuilder verified = new StringBuilder();
        consumed.progress().forEach((k, v) -> {
            if (!k.equals("complete") && !k.equals("caught_up")) verified.append(" | ").append(k).append(' ').append(String.format("%,d", ChildOutput.number(v)));
        });
        out.printf("[%4ds] produced %,d/%,d (%,d/s)%s | checkpoints %,d%s%s%n",
                (System.nanoTime() - started) / 1_000_000_000L,
                produced.progress("sent"), config.events, produced.progress("rate"), verified, checkpoints,
                lag < 0 ? "" : String.format(" | input not yet checkpointed %,d", lag), suffix);
        out.flush();
    }

    private void stage(String message) {
        out.println("==> " + message);
        out.flush();
    }

    /** Passes an app's {@code metrics <app> <url>} line on to the user as it is, every line to {@code next}. */
    private Consumer<String> relayMetricsLine(Consumer<String> next) {
        return line -> {
            if (line.startsWith("metrics ")) {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }
            next.accept(line);
        };
    }

    private void awaitStarted(JavaProcess process, ChildOutput output, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.started()) {
            if (!process.isAlive()) throw new LocalModeException("the " + process.name() + " exited at start: " + process.stderrTail());
            if (System.nanoTime() > deadline) throw new LocalModeException("the " + process.name() + " did not start within " + timeout.toSeconds() + "s");
            pause();
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

    static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // the orchestrator's polling interval; every wait above has a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted");
        }
    }
}
