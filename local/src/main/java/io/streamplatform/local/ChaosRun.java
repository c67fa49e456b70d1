package io.streamplatform.local;

import io.streamplatform.common.Durations;
import io.streamplatform.common.S3Storage;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.job.core.ConfiguredJob;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * {@code ./pipeline chaos}: local mode's verified run on a cluster of separate processes — three Kafka brokers, a
 * Flink JobManager and two TaskManagers, checkpoints and savepoints in an S3-compatible store — while the faults of
 * a seeded {@link FaultPlan} are injected one after another. Each fault is timed by an {@link OutputWatch} (until
 * output flows again; until readers are no longer held) and reported in a {@code RESULT fault=...} line; the final
 * {@code RESULT} line adds the verifier's verdict. A fault not recovered within {@code --recovery-timeout}, readers
 * held past the transaction timeout, or any loss or duplicate, fails the run.
 */
final class ChaosRun extends LocalPipeline {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int TASK_MANAGERS = 2;
    private static final int BROKERS = 3;

    private final ChaosConfig chaos;
    private final List<String> results = new ArrayList<>();
    private FaultPlan plan;
    private ObjectStore store;
    private KafkaCluster kafka;
    private FlinkStandalone flink;
    private OutputWatch watch;
    private ConfiguredJob<?> job;
    private List<String> allTopics;
    private volatile JobID jobId;
    private long earlierCheckpoints;
    private int survived;
    private java.nio.file.Path plugins;

    /** The fault being injected or recovered from, or null between faults. */
    private Active active;
    private int next;
    private long nextAt;
    private long producerDoneNanos;

    ChaosRun(ChaosConfig config, PrintStream out) {
        super(config, out);
        this.chaos = config;
    }

    @Override
    RunReport execute() {
        long seed = chaos.seed != null ? chaos.seed : new SecureRandom().nextLong();
        plan = FaultPlan.of(seed, chaos.faults, chaos.gap);
        stage("Fault schedule, seed " + seed + " (repeat it with --seed " + seed + "):");
        plan.describe(chaos.pause).forEach(line -> out.println("    " + line));
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        JobDefinition<?> definition = config.definition;
        PlatformHome home = PlatformHome.locate();
        plugins = home.flinkPlugins();
        workDir = prepareWorkDir();

        stage("Starting an S3-compatible object store (S3Proxy) for checkpoints and savepoints");
        store = register(ObjectStore.start(home.s3ProxyJar(), workDir.resolve("s3"), "flink", START_TIMEOUT));
        stage("Starting " + BROKERS + " Kafka brokers (KRaft, each also a controller; replication 3, min.insync.replicas 2)");
        kafka = register(KafkaCluster.start(home, workDir.resolve("kafka"), BROKERS, START_TIMEOUT));
        String bootstrap = kafka.bootstrap();
        List<String> jobArgs = config.jobArgs(bootstrap, runId, S3Storage.checkpoints(store.bucket()));
        job = ConfiguredJob.of(definition, jobArgs);
        JobOptions options = job.options();
        allTopics = List.copyOf(options.topics().values());
        TopicAdmin.ensureTopics(bootstrap, TopicAdmin.topicsOf(definition, options), config.partitions, config.connectTimeout);
        stage("Kafka at " + bootstrap + "; topics " + allTopics + " (" + config.partitions + " partitions each, on every broker)");

        int slots = options.parallelism == null ? 1 : options.parallelism;
        Map<String, String> settings = new LinkedHashMap<>(store.flinkConfiguration());
        settings.put("state.savepoints.dir", S3Storage.savepoints(store.bucket()));
        settings.put("restart-strategy.type", "fixed-delay");
        settings.put("restart-strategy.fixed-delay.attempts", Integer.toString(Integer.MAX_VALUE));
        settings.put("restart-strategy.fixed-delay.delay", "1s");
        stage("Starting Flink as separate processes: a JobManager and " + TASK_MANAGERS + " TaskManagers (" + slots + " slots each)");
        flink = register(FlinkStandalone.start(home, workDir.resolve("flink"), TASK_MANAGERS, slots, settings, store.credentialsEnv(), START_TIMEOUT));
        stage("Flink web UI " + flink.restAddress() + "; checkpoints in " + S3Storage.checkpoints(store.bucket()) + " at " + store.endpoint());
        stage(VerifiedRun.describe(definition, options));
        jobId = flink.submit(job, null);
        flink.awaitRunning(jobId, START_TIMEOUT);

        List<String> outputs = definition.topics().stream().filter(t -> t.written()).map(options::topic).toList();
        watch = register(new OutputWatch(bootstrap, outputs, config.partitions));
        RunReport report;
        try {
            report = new VerifiedRun(config, out, home, workDir, this::register).run(definition, options, jobArgs,
                    new VerifiedRun.ClientConfigs(options.clientConfig, options.clientConfig), bootstrap, runId,
                    new RunningJob(), Duration.ofMinutes(5), this::tick, () -> next == plan.steps().size() && active == null, this::status);
        } catch (ChaosFailure f) {
            String line = "RESULT run=" + runId + " seed=" + seed + " faults=" + plan.steps().size() + " survived=" + survived
                    + " verdict=FAIL reason=\"" + f.getMessage().replace('"', '\'') + "\"";
            out.println("\nChaos run " + runId + ": FAIL (" + f.getMessage() + ")");
            out.println(line);
            return new RunReport(definition.name(), runId, 0, 0, 0, Map.of(), List.of(), 0, 0, 0, false, f.getMessage());
        }
        // The job is drained only once every fault has been survived; a fault not survived ended the run above.
        out.print(report.humanSummary("Chaos run"));
        out.println(String.format("  faults        %d of %d survived (seed %d)", survived, plan.steps().size(), seed));
        results.forEach(r -> out.println("    " + r));
        out.println(report.resultLine().replace(" verdict=", " seed=" + seed + " faults=" + plan.steps().size() + " survived=" + survived + " verdict="));
        return report;
    }

    /** The job as the verified run sees it: the current incarnation (a JobManager kill resubmits it). */
    private final class RunningJob implements VerifiedRun.RunningJob {
        @Override
        public String failure() {
            JobResult result = flink.resultIfDone(jobId);
            return result == null ? null : "ended unexpectedly: " + LocalFlinkCluster.describe(result);
        }

        @Override
        public long completedCheckpoints() {
            return earlierCheckpoints + flink.completedCheckpoints(jobId);
        }

        @Override
        public String drain() {
            return flink.stopWithSavepoint(jobId, true, Duration.ofMinutes(2));
        }
    }

    /** A fault in progress: injected, its follow-up (restart, resume) perhaps done, its recovery being timed. */
    private static final class Active {
        final FaultPlan.Step step;
        final OutputWatch.Probe probe;
        final long injectedNanos = System.nanoTime();
        String target;
        int broker;
        boolean followedUp;

        Active(FaultPlan.Step step, OutputWatch.Probe probe) {
            this.step = step;
            this.probe = probe;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - injectedNanos);
        }
    }

    /**
     * One turn of the fault schedule, on every turn of the verified run's loop. A fault is seen to be recovered from
     * by new output, which needs new input: once the producer has finished, no further fault is injected.
     */
    private void tick(boolean producing) {
        if (watch.problem() != null) throw new LocalModeException("the output watch failed: " + watch.problem());
        if (!producing && producerDoneNanos == 0) producerDoneNanos = System.nanoTime();
        if (active == null) {
            if (next == plan.steps().size()) return;
            if (!producing) {
                throw new ChaosFailure("the producer finished before fault " + (next + 1) + " (" + plan.steps().get(next).fault().id()
                        + "); give more --events, so that input flows through every fault");
            }
            long now = System.nanoTime();
            if (nextAt == 0) nextAt = now + plan.steps().get(next).delay().toNanos();
            if (now >= nextAt) inject(plan.steps().get(next));
            return;
        }
        followUp(active);
        if (active.followedUp && active.probe.done() && (!touchesBrokers(active.step.fault()) || kafka.fullyReplicated(Duration.ofSeconds(5)))) {
            finish(active);
            return;
        }
        if (active.elapsed().compareTo(chaos.recoveryTimeout) > 0) {
            String noInput = producerDoneNanos == 0 || active.probe.recovery() != null ? ""
                    : "; the producer finished " + Duration.ofNanos(System.nanoTime() - producerDoneNanos).toSeconds()
                    + "s ago, and without input no new output may come: give more --events";
            throw new ChaosFailure("fault " + active.step.number() + " (" + active.step.fault().id() + " of " + active.target + ") not recovered after "
                    + Durations.format(chaos.recoveryTimeout) + ": output flowing again " + (active.probe.recovery() != null)
                    + ", readers released " + (active.probe.held() != null) + (active.followedUp ? "" : ", follow-up not done")
                    + (touchesBrokers(active.step.fault()) ? ", every replica in sync " + kafka.fullyReplicated(Duration.ofSeconds(5)) : "")
                    + noInput);
        }
    }

    private static boolean touchesBrokers(Fault f) {
        return f == Fault.LEADER_KILL || f == Fault.BROKER_PAUSE;
    }

    private void inject(FaultPlan.Step step) {
        OutputWatch.Probe probe = watch.probe(Duration.ofSeconds(30));
        Active a = new Active(step, probe);
        switch (step.fault()) {
            case TM_KILL -> {
                List<String> candidates = new ArrayList<>(flink.taskManagersOf(jobId));
                candidates.retainAll(flink.taskManagers());
                candidates.sort(null); // the seed's pick depends on the candidates only, not on the REST API's order
                if (candidates.isEmpty()) throw new ChaosFailure("no running TaskManager runs the job's tasks");
                a.target = candidates.get(step.pick() % candidates.size());
                flink.killTaskManager(a.target);
                String fresh = flink.startTaskManager();
                stage("Fault " + step.number() + ": kill -9 " + a.target + "; started " + fresh);
                a.followedUp = true;
            }
            case LEADER_KILL -> {
                a.broker = kafka.busiestLeader(allTopics, Duration.ofSeconds(30));
                a.target = "broker " + a.broker;
                kafka.kill(a.broker);
                stage("Fault " + step.number() + ": kill -9 broker " + a.broker + " (it led the most partitions)");
            }
            case BROKER_PAUSE -> {
                a.broker = step.brokerOf(BROKERS);
                a.target = "broker " + a.broker;
                kafka.process(a.broker).pause();
                stage("Fault " + step.number() + ": SIGSTOP broker " + a.broker + " for " + Durations.format(chaos.pause));
            }
            case JM_KILL -> {
                a.target = "jobmanager";
                earlierCheckpoints += flink.completedCheckpoints(jobId);
                flink.killJobManager();
                stage("Fault " + step.number() + ": kill -9 the JobManager; starting a new one");
                flink.startJobManager();
                flink.awaitTaskManagers(flink.taskManagers().size(), START_TIMEOUT);
                String latest = FlinkStandalone.latestRetainedCheckpoint(store.flinkFileSystem(plugins, Map.of()),
                        S3Storage.checkpoints(store.bucket()), skipped -> stage("Passed over " + skipped));
                if (latest == null) throw new ChaosFailure("no retained checkpoint to resume from in " + S3Storage.checkpoints(store.bucket()));
                jobId = flink.submit(job, latest);
                stage("Resumed the job from its latest retained checkpoint " + latest + " (as job " + jobId + ")");
                a.followedUp = true;
            }
            default -> throw new IllegalStateException(step.fault().toString());
        }
        active = a;
    }

    /** Starts a killed broker again once output flows; resumes a frozen one after the pause. */
    private void followUp(Active a) {
        if (a.followedUp) return;
        if (a.step.fault() == Fault.LEADER_KILL && a.probe.recovery() != null) {
            kafka.restart(a.broker, START_TIMEOUT);
            stage("Broker " + a.broker + " started again on its data, " + Durations.format(Duration.ofMillis(a.elapsed().toMillis())) + " after the kill");
            a.followedUp = true;
        } else if (a.step.fault() == Fault.BROKER_PAUSE && a.elapsed().compareTo(chaos.pause) >= 0) {
            kafka.process(a.broker).resume();
            stage("SIGCONT broker " + a.broker);
            a.followedUp = true;
        }
    }

    private void finish(Active a) {
        Duration recovery = a.probe.recovery();
        Duration held = a.probe.held();
        Duration limit = job.options().transactionTimeout;
        boolean ok = held.compareTo(limit) <= 0;
        String line = String.format("RESULT fault=%d kind=%s target=%s recovery_s=%.1f readers_held_s=%.1f transaction_timeout_s=%d survived=%s",
                a.step.number(), a.step.fault().id(), a.target.replace(' ', '-'), recovery.toMillis() / 1e3, held.toMillis() / 1e3,
                limit.toSeconds(), ok);
        out.println(line);
        results.add(line);
        if (!ok) throw new ChaosFailure("fault " + a.step.number() + ": readers were held " + held.toSeconds() + "s, past the transaction timeout");
        survived++;
        active = null;
        next++;
        nextAt = next < plan.steps().size() ? System.nanoTime() + plan.steps().get(next).delay().toNanos() : 0;
    }

    private String status() {
        if (active != null) {
            return " | fault " + active.step.number() + "/" + plan.steps().size() + " " + active.step.fault().id() + " "
                    + active.elapsed().toSeconds() + "s ago" + (active.probe.recovery() == null ? ", output stalled" : ", output flowing")
                    + (active.probe.held() == null ? ", readers held" : "");
        }
        if (next < plan.steps().size()) return " | next fault " + plan.steps().get(next).fault().id();
        return " | all faults done";
    }
}
