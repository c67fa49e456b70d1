package io.streamplatform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamplatform.job.core.ConfiguredJob;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A Flink standalone session cluster of separate processes on 127.0.0.1: one JobManager and TaskManagers, each a
 * child JVM started from Flink's own entry points ({@code StandaloneSessionClusterEntrypoint},
 * {@code TaskManagerRunner}) with the JVM memory options Flink's start scripts derive from the same configuration.
 * The class path is this JVM's (Flink and the catalogue's jobs); plugins come from {@link PlatformHome#flinkPlugins()}.
 * Processes can be killed and new ones started; jobs are submitted over the REST API, as a client would.
 */
public final class FlinkStandalone implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path confDir;
    private final Path plugins;
    private final Map<String, String> env;
    private final Configuration conf;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final RestClusterClient<StandaloneClusterId> client;
    private JavaProcess jobManager;
    private int jobManagers;
    private final Map<String, JavaProcess> taskManagers = Collections.synchronizedMap(new LinkedHashMap<>());
    private int taskManagerCount;

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers and waits until every TaskManager has registered.
     *
     * @param settings Flink configuration beyond the addresses, ports and slots (checkpoint storage, restart strategy…)
     * @param env variables for every Flink process (credentials of the checkpoint store)
     */
    public static FlinkStandalone start(PlatformHome home, Path dir, int taskManagers, int slotsPerTaskManager,
                                        Map<String, String> settings, Map<String, String> env, Duration timeout) {
        FlinkStandalone cluster = new FlinkStandalone(home, dir, slotsPerTaskManager, settings, env);
        try {
            cluster.startJobManager();
            for (int i = 0; i < taskManagers; i++) cluster.startTaskManager();
            cluster.awaitTaskManagers(taskManagers, timeout);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private FlinkStandalone(PlatformHome home, Path dir, int slots, Map<String, String> settings, Map<String, String> env) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.plugins = home.flinkPlugins();
        this.env = env;
        try {
            Files.createDirectories(confDir);
            int rpcPort = KafkaBroker.freePort();
            restPort = KafkaBroker.freePort(rpcPort);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("jobmanager.rpc.address", "127.0.0.1");
            all.put("jobmanager.rpc.port", Integer.toString(rpcPort));
            all.put("jobmanager.bind-host", "127.0.0.1");
            all.put("rest.address", "127.0.0.1");
            all.put("rest.bind-address", "127.0.0.1");
            all.put("rest.port", Integer.toString(restPort));
            all.put("taskmanager.host", "127.0.0.1");
            all.put("taskmanager.bind-host", "127.0.0.1");
            all.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
            all.put("jobmanager.memory.process.size", "768m");
            all.put("taskmanager.memory.process.size", "1280m");
            all.put("taskmanager.memory.managed.size", "256m");
            // A dead process is noticed within seconds instead of Flink's default 50 s.
            all.put("heartbeat.interval", "1s");
            all.put("heartbeat.timeout", "8s");
            all.put("cluster.evenly-spread-out-slots", "true");
            all.putAll(settings);
            conf = Configuration.fromMap(all);
            StringBuilder yaml = new StringBuilder("# Written by FlinkStandalone for this cluster.\n");
            all.forEach((k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
            Files.writeString(confDir.resolve("config.yaml"), yaml);
            Files.writeString(confDir.resolve("log4j.properties"), String.join("\n",
                    "appender.file.type=File",
                    "appender.file.name=file",
                    "appender.file.fileName=${sys:log.file}",
                    "appender.file.layout.type=PatternLayout",
                    "appender.file.layout.pattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.file.ref=file",
                    "logger.kafka.name=org.apache.kafka",
                    "logger.kafka.level=WARN",
                    ""));
            Configuration clientConf = new Configuration();
            clientConf.set(RestOptions.ADDRESS, "127.0.0.1");
            clientConf.set(RestOptions.PORT, restPort);
            clientConf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
            client = new RestClusterClient<>(clientConf, StandaloneClusterId.getInstance());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new LocalModeException("cannot create the Flink REST client: " + e.getMessage(), e);
        }
    }

    /** The web UI and REST API. */
    public URI restAddress() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    /** Starts a JobManager (again, after a kill: same ports, nothing recovered by itself). */
    public synchronized void startJobManager() {
        if (jobManager != null && jobManager.isAlive()) throw new IllegalStateException("a JobManager runs");
        String name = "jobmanager-" + (++jobManagers);
        String jvm = JobManagerProcessUtils.generateJvmParametersStr(
                JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(conf, JobManagerOptions.JVM_HEAP_MEMORY), conf);
        jobManager = launch(name, jvm, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", List.of());
    }

    /** Starts a new TaskManager; returns its id (its resource id, as the REST API names it). */
    public String startTaskManager() {
        String id;
        synchronized (this) {
            id = "taskmanager-" + (++taskManagerCount);
        }
        var spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        List<String> dynamic = new ArrayList<>(Arrays.asList(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec).trim().split(" +")));
        dynamic.addAll(List.of("-D", "taskmanager.resource-id=" + id));
        taskManagers.put(id, launch(id, ProcessMemoryUtils.generateJvmParametersStr(spec), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", dynamic));
        return id;
    }

    private JavaProcess launch(String name, String jvmParameters, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(Arrays.asList(jvmParameters.trim().split(" +")));
        command.addAll(List.of("-Dlog.file=" + dir.resolve(name + ".log"),
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties"), "-Dlog4j2.statusLoggerLevel=ERROR",
                "-cp", System.getProperty("java.class.path"), mainClass, "--configDir", confDir.toString()));
        command.addAll(args);
        Map<String, String> processEnv = new LinkedHashMap<>(env);
        processEnv.put("FLINK_PLUGINS_DIR", plugins.toString());
        processEnv.put("FLINK_CONF_DIR", confDir.toString());
        return JavaProcess.start(name, command, dir.resolve(name + ".out"), line -> {}, false, processEnv);
    }

    /** {@code kill -9} of the JobManager. */
    public synchronized void killJobManager() {
        if (jobManager != null) jobManager.kill();
    }

    /** {@code kill -9} of a TaskManager. */
    public void killTaskManager(String id) {
        JavaProcess tm = taskManagers.remove(id);
        if (tm == null) throw new IllegalArgumentException("no TaskManager " + id);
        tm.kill();
    }

    /** The TaskManagers this cluster started that still run. */
    public List<String> taskManagers() {
        synchronized (taskManagers) {
            return taskManagers.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
        }
    }

    /** Waits until the JobManager answers and knows {@code count} TaskManagers. */
    public void awaitTaskManagers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = -1;
        while (true) {
            if (jobManager == null || !jobManager.isAlive()) {
                throw new LocalModeException("the JobManager exited (" + (jobManager == null ? "" : jobManager.stderrTail()) + "), see " + dir);
            }
            try {
                seen = rest("/taskmanagers").path("taskmanagers").size();
                if (seen >= count) return;
            } catch (LocalModeException notYet) {
                // not answering yet
            }
            if (System.nanoTime() > deadline) {
                throw new LocalModeException("Flink had " + Math.max(seen, 0) + " of " + count + " TaskManagers after " + timeout.toSeconds() + "s, see " + dir);
            }
            LocalFlinkCluster.pause(200);
        }
    }

    /** Submits a catalogue job; {@code restore} (nullable) is the savepoint or retained checkpoint to start from. */
    public JobID submit(ConfiguredJob<?> job, String restore) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job.build(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        if (restore != null) graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restore, false));
        return LocalFlinkCluster.get(client.submitJob(graph), Duration.ofSeconds(60), "submitting the job");
    }

    /** Waits until every task of the job runs. */
    public void awaitRunning(JobID job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning(job)) {
            if (System.nanoTime() > deadline) throw new LocalModeException("the job was not running after " + timeout.toSeconds() + "s, see " + dir);
            LocalFlinkCluster.pause(200);
        }
    }

    /** Whether the job and every one of its tasks run. */
    public boolean isRunning(JobID job) {
        try {
            JsonNode details = rest("/jobs/" + job);
            String state = details.path("state").asText();
            if (JobStatus.valueOf(state).isGloballyTerminalState()) {
                throw new LocalModeException("the job ended: " + state + ", see " + dir);
            }
            if (!state.equals("RUNNING")) return false;
            for (JsonNode v : details.path("vertices")) {
                if (!v.path("status").asText().equals("RUNNING")) return false;
            }
            return true;
        } catch (LocalModeException e) {
            if (e.getMessage().startsWith("the job ended")) throw e;
            return false;
        }
    }

    /** Completed checkpoints of the job (0 when the REST API does not answer). */
    public long completedCheckpoints(JobID job) {
        try {
            return rest("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
        } catch (LocalModeException unavailable) {
            return 0;
        }
    }

    /** The TaskManagers running tasks of the job. */
    public Set<String> taskManagersOf(JobID job) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode v : rest("/jobs/" + job).path("vertices")) {
            for (JsonNode tm : rest("/jobs/" + job + "/vertices/" + v.path("id").asText() + "/taskmanagers").path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** Stops the job with a savepoint (draining: every open window fires) and returns the savepoint's path. */
    public String stopWithSavepoint(JobID job, boolean drain, Duration timeout) {
        String path = LocalFlinkCluster.get(client.stopWithSavepoint(job, drain, null, SavepointFormatType.CANONICAL), timeout, "stopping with a savepoint");
        LocalFlinkCluster.get(client.requestJobResult(job), timeout, "waiting for the job to stop");
        return path;
    }

    /** The job's result once it has ended, or null while it runs or the JobManager does not answer. */
    public JobResult resultIfDone(JobID job) {
        try {
            JobStatus status = client.getJobStatus(job).get(5, TimeUnit.SECONDS);
            return status.isGloballyTerminalState() ? client.requestJobResult(job).get(10, TimeUnit.SECONDS) : null;
        } catch (Exception unavailable) {
            return null;
        }
    }

    /**
     * The latest retained checkpoint under {@code checkpointDir} (of any job), read from the checkpoint storage itself
     * as a restarted JobManager finds it: the {@code chk-N} directory with the highest N whose {@code _metadata} reads
     * whole. A JobManager killed while finalizing a checkpoint can leave that file cut short (an object store that
     * exposes a part-written object, as S3Proxy's filesystem backend does); that checkpoint never completed, so the one
     * before it was kept and is the one to resume from. Returns the path of that {@code _metadata} file (a pointer
     * Flink restores from, and one that does not depend on how the store lists directories); null if there is none.
     *
     * @param fs the storage's filesystem as this JVM reaches it
     * @param skipped told of each checkpoint passed over, and why
     */
    public static String latestRetainedCheckpoint(FileSystem fs, String checkpointDir, Consumer<String> skipped) {
        try {
            TreeMap<Long, org.apache.flink.core.fs.Path> byNumber = new TreeMap<>();
            org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(checkpointDir);
            for (FileStatus jobDir : listed(fs.listStatus(root))) {
                for (FileStatus chk : listed(fs.listStatus(jobDir.getPath()))) {
                    String name = chk.getPath().getName();
                    if (name.matches("chk-\\d+")) byNumber.put(Long.parseLong(name.substring(4)), chk.getPath());
                }
            }
            for (org.apache.flink.core.fs.Path chk : byNumber.descendingMap().values()) {
                org.apache.flink.core.fs.Path metadata = new org.apache.flink.core.fs.Path(chk, "_metadata");
                if (!fs.exists(metadata)) {
                    skipped.accept(chk + ": no _metadata");
                    continue;
                }
                try (DataInputStream in = new DataInputStream(fs.open(metadata))) {
                    Checkpoints.loadCheckpointMetadata(in, FlinkStandalone.class.getClassLoader(), chk.toString());
                    return metadata.toString();
                } catch (IOException | RuntimeException cutShort) {
                    skipped.accept(chk + ": _metadata unreadable (" + cutShort.getClass().getSimpleName() + ")");
                }
            }
            return null;
        } catch (IOException e) {
            throw new LocalModeException("cannot list checkpoints in " + checkpointDir + ": " + e.getMessage(), e);
        }
    }

    private static FileStatus[] listed(FileStatus[] entries) {
        return entries == null ? new FileStatus[0] : entries;
    }

    private JsonNode rest(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(restAddress().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new LocalModeException("GET " + path + ": HTTP " + r.statusCode());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new LocalModeException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
        List<JavaProcess> all;
        synchronized (taskManagers) {
            all = new ArrayList<>(taskManagers.values());
            taskManagers.clear();
        }
        synchronized (this) {
            if (jobManager != null) all.add(jobManager);
            jobManager = null;
        }
        for (JavaProcess p : all) p.close();
    }
}
