package io.streamplatform.local;

import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.job.core.ConfiguredJob;
import io.streamplatform.job.core.JobRunner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A real Flink runtime in this JVM (JobManager, one TaskManager, REST endpoint), bound to 127.0.0.1 only.
 * Runs the pipeline job, restores it from savepoints, and stops it with a savepoint.
 */
public final class LocalFlinkCluster implements AutoCloseable {
    /** A Kafka client's authentication or authorization error in a job's failure: its class and message. */
    private static final Pattern KAFKA_REFUSAL =
            Pattern.compile("org\\.apache\\.kafka\\.common\\.errors\\.(\\w+(?:Authorization|Authentication)Exception): ([^\\r\\n]*)");
    private final MiniCluster cluster;
    private final int metricsPort;

    public LocalFlinkCluster(int slots) {
        this(slots, 0, 0);
    }

    /**
     * @param restPort the REST API's and web UI's port; 0 for any free one
     * @param metricsPort the port of the Prometheus metrics endpoint on 127.0.0.1; 0 for none
     */
    public LocalFlinkCluster(int slots, int restPort, int metricsPort) {
        this.metricsPort = metricsPort;
        Configuration conf = new Configuration();
        if (metricsPort > 0) LoopbackPrometheusReporter.configure(conf, "127.0.0.1", Integer.toString(metricsPort));
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // The REST API's metrics (read only by describe(), for failure messages) are at most this old.
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(256));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        try {
            cluster.start();
        } catch (Exception e) {
            throw new LocalModeException("cannot start the local Flink runtime: " + e.getMessage(), e);
        }
    }

    /** The Prometheus metrics endpoint of the runtime and its jobs, or null without one. */
    public String metricsUrl() {
        return metricsPort > 0 ? "http://127.0.0.1:" + metricsPort + "/metrics" : null;
    }

    /** Submits a catalogue job; {@code savepoint} (nullable) is the savepoint or checkpoint to restore from. */
    public JobID submit(ConfiguredJob<?> job, String savepoint) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.build(env);
        return submit(env, job.options().jobName, savepoint);
    }

    /** Submits another job body with a job's shared settings (checkpointing, state backend, parallelism). */
    public <O extends JobOptions> JobID submit(O options, String savepoint, BiConsumer<StreamExecutionEnvironment, O> body) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobRunner.configure(env, options);
        body.accept(env, options);
        return submit(env, options.jobName, savepoint);
    }

    /** Submits under the job's name, as {@code env.execute(name)} does on a cluster (it is the metrics' job_name label). */
    private JobID submit(StreamExecutionEnvironment env, String name, String savepoint) {
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(name);
        JobGraph graph = streamGraph.getJobGraph();
        if (savepoint != null) graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        return get(cluster.submitJob(graph), Duration.ofSeconds(60), "submitting the job").getJobID();
    }

    /** Waits until every task of the job is running (sources assigned, ready for input). */
    public void awaitRunning(JobID job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            AccessExecutionGraph graph = graph(job, "reading job state");
            JobStatus status = graph.getState();
            if (status.isGloballyTerminalState()) {
                throw new LocalModeException("the job ended while starting: " + status + failureOf(graph));
            }
            String refusal = kafkaRefusal(graph);
            if (refusal != null) throw new LocalModeException("Kafka refuses the job: " + refusal);
            boolean allRunning = status == JobStatus.RUNNING;
            for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
                allRunning &= v.getExecutionState() == ExecutionState.RUNNING;
            }
            if (allRunning) return;
            if (System.nanoTime() > deadline) throw new LocalModeException("the job was not running after " + timeout.toSeconds() + "s");
            pause(100);
        }
    }

    public JobStatus status(JobID job) {
        return get(cluster.getJobStatus(job), Duration.ofSeconds(10), "reading job status");
    }

    /** Completed checkpoints so far, for progress reports. */
    public long completedCheckpoints(JobID job) {
        AccessExecutionGraph graph = graph(job, "reading checkpoints");
        var stats = graph.getCheckpointStatsSnapshot();
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    /**
     * The largest full state size of the job's completed checkpoints, in bytes (0 without one): what the job holds at
     * its peak, all operators and subtasks together. A bounded job's final checkpoint holds almost nothing, so the
     * peak, not the last, is the figure.
     */
    public long peakCheckpointedState(JobID job) {
        var stats = graph(job, "reading checkpoint sizes").getCheckpointStatsSnapshot();
        if (stats == null || stats.getCounts().getNumberOfCompletedCheckpoints() == 0) return 0;
        return stats.getSummaryStats().getStateSizeStats().getMaximum();
    }

    /** Restarts of the job so far (after failures). */
    public long restarts(JobID job) {
        return restarts(graph(job, "reading restarts"));
    }

    private static long restarts(AccessExecutionGraph graph) {
        long max = 0;
        for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
            max = Math.max(max, v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return max;
    }

    /**
     * One line on the job's health for failure messages: status, restarts, checkpoints (completed, failed, in
     * progress) and the last failure, if any.
     */
    public String describe(JobID job) {
        try {
            AccessExecutionGraph graph = graph(job, "reading the job's state");
            var stats = graph.getCheckpointStatsSnapshot();
            String checkpoints = stats == null ? "no checkpoint stats" : "checkpoints completed "
                    + stats.getCounts().getNumberOfCompletedCheckpoints() + ", failed " + stats.getCounts().getNumberOfFailedCheckpoints()
                    + ", in progress " + stats.getCounts().getNumberOfInProgressCheckpoints();
            return "job " + graph.getState() + ", restarts " + restarts(graph) + ", " + checkpoints
                    + (graph.getFailureInfo() == null ? "" : ", last failure: " + failureOf(graph).strip())
                    + ", watermarks " + inputWatermarks(graph);
        } catch (Exception e) {
            return "job state unavailable: " + rootMessage(e);
        }
    }

    /**
     * Each task's input watermark per subtask and each source subtask's output watermark, from the REST API's
     * metrics (what an event-time stall shows).
     */
    private String inputWatermarks(AccessExecutionGraph graph) throws Exception {
        URI rest = cluster.getRestAddress().get(10, TimeUnit.SECONDS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Pattern watermarkIds = Pattern.compile("\"id\":\"(\\d+\\.(?:currentInputWatermark|Source__[^\".]*\\.currentOutputWatermark))\"");
        StringBuilder out = new StringBuilder();
        for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
            URI metrics = rest.resolve("/jobs/" + graph.getJobID() + "/vertices/" + v.getJobVertexId() + "/metrics");
            String ids = "[]";
            // The first request starts the metrics fetch; later ones see its result.
            for (long until = System.nanoTime() + 3_000_000_000L; ids.equals("[]") && System.nanoTime() < until; ) {
                ids = get(http, metrics);
                if (ids.equals("[]")) pause(200);
            }
            String wanted = watermarkIds.matcher(ids).results().map(m -> m.group(1)).collect(Collectors.joining(","));
            String values = wanted.isEmpty() ? "[]" : get(http, URI.create(metrics + "?get=" + URLEncoder.encode(wanted, StandardCharsets.UTF_8)));
            out.append(out.isEmpty() ? "" : "; ").append(v.getName(), 0, Math.min(40, v.getName().length())).append(": ").append(values);
        }
        return out.toString();
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Stops the job with a savepoint. With {@code drain}, Flink first advances event time to the end,
     * so every open window fires and its count is committed with the final transactions.
     */
    public String stopWithSavepoint(JobID job, String directory, boolean drain, Duration timeout) {
        String path = get(cluster.stopWithSavepoint(job, directory, drain, SavepointFormatType.CANONICAL), timeout, "stopping with a savepoint");
        get(cluster.requestJobResult(job), timeout, "waiting for the job to stop");
        return path;
    }

    public void cancel(JobID job) {
        get(cluster.cancelJob(job), Duration.ofSeconds(30), "cancelling the job");
        get(cluster.requestJobResult(job), Duration.ofSeconds(60), "waiting for the job to cancel");
    }

    /** Waits for the job to end (a bounded job finishes by itself) and returns its result. */
    public JobResult awaitResult(JobID job, Duration timeout) {
        return get(cluster.requestJobResult(job), timeout, "waiting for the job to finish");
    }

    /** The job's result once it has ended, or null while it runs. */
    public JobResult resultIfDone(JobID job) {
        CompletableFuture<JobResult> f = cluster.requestJobResult(job);
        return f.isDone() ? f.join() : null;
    }

    private AccessExecutionGraph graph(JobID job, String what) {
        return get(cluster.getExecutionGraph(job), Duration.ofSeconds(10), what);
    }

    /**
     * Why Kafka refuses the job, once one of its failures was a Kafka authentication or authorization error — the job
     * then restarts to no avail, each time with the same error in its log; null while there is none.
     */
    public String kafkaRefusal(JobID job) {
        return kafkaRefusal(graph(job, "reading the job's failures"));
    }

    private static String kafkaRefusal(AccessExecutionGraph graph) {
        if (graph.getFailureInfo() == null) return null;
        Matcher m = KAFKA_REFUSAL.matcher(graph.getFailureInfo().getExceptionAsString());
        return m.find() ? m.group(1) + ": " + m.group(2).strip() : null;
    }

    private static String failureOf(AccessExecutionGraph graph) {
        return graph.getFailureInfo() == null ? "" : " (" + graph.getFailureInfo().getExceptionAsString().lines().findFirst().orElse("") + ")";
    }

    /** The future's value within {@code timeout}; a one-line {@link LocalModeException} saying {@code what} failed otherwise. */
    static <T> T get(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LocalModeException("timed out " + what + " after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new LocalModeException(what + " failed: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while " + what);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Why a job ended: its application status and the root cause of its failure, if any. */
    static String describe(JobResult result) {
        return result.getApplicationStatus() + result.getSerializedThrowable().map(t -> " " + rootMessage(t)).orElse("");
    }

    /** Waits {@code ms}: the polling interval of a wait that has its own deadline. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted");
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new LocalModeException("closing the local Flink runtime failed: " + e.getMessage(), e);
        }
    }
}
