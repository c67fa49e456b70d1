package io.streamplatform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.Durations;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import io.streamplatform.job.core.ConfiguredJob;
import io.streamplatform.local.KafkaBroker;
import io.streamplatform.local.KafkaSecurity;
import io.streamplatform.local.LocalFlinkCluster;
import io.streamplatform.local.LocalModeException;
import io.streamplatform.local.LocalUsers;
import io.streamplatform.local.PlatformHome;
import io.streamplatform.local.TopicAdmin;
import io.streamplatform.local.WorkDirs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import picocli.CommandLine;

/**
 * The benchmark: one real broker, one pre-loaded input topic, and side by side in one run the plain Kafka copy
 * baselines and the Flink job (transform path and full job, exactly-once and at-least-once) at each
 * parallelism; then end-to-end latency at a fixed rate; then the peak RSS of local mode. Prints a table and
 * writes JSON (and the same table as Markdown next to it). Rounds are interleaved (every scenario once per
 * round) so drift in the machine's load spreads over all scenarios; each job figure is divided by its
 * baseline's figure from the same round. The {@code secure} group adds a second, secured broker (TLS, SCRAM, ACLs)
 * and runs work against it beside the same work against the plaintext one.
 */
public final class Benchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    static final String INPUT = "bench-input";
    /** The run id of the pre-loaded input (its records' run header). */
    static final String RUN = "bench";

    /**
     * One throughput run. {@code eventsPerSecond} counts from the first read (job running) to everything committed;
     * {@code metrics}: what the scrapes of the Prometheus endpoint saw during a metrics run (null in other runs);
     * {@code kafkaUser}: the user the copy or job ran as against the secured broker (null against the plaintext one).
     * A run sized to a steady window ({@code --steady-window}): {@code eventsPerSecond} and {@code cpu} are of that window,
     * {@code steadySeconds} long, covering {@code steadyEvents}; {@code shortAttempts} earlier attempts of the same run had a
     * shorter window and were not counted. Otherwise ({@code steadySeconds} null) they are of the whole run: from the
     * first read (job running) to everything committed.
     */
    public record ThroughputRun(String scenario, int parallelism, int round, long events, long outputRecords,
                                double seconds, double wallSeconds, double eventsPerSecond, CpuSample.Use cpu, long peakStateBytes,
                                MetricsScraper.Result metrics, String kafkaUser, Double steadySeconds, Long steadyEvents, int shortAttempts) {}

    public record LatencyRun(String scenario, int parallelism, int round, LatencyProbe.Result result) {}

    /** {@code steadySeconds}: the runs' steady windows (null when the runs were not sized to one). */
    public record ThroughputFigure(String scenario, int parallelism, String baseline, Stat eventsPerSecond, Stat ratio,
                                   Stat jvmCpuMicrosPerEvent, Stat brokerCpuMicrosPerEvent, Stat machineBusy, Stat peakStateBytes,
                                   Stat steadySeconds, List<ThroughputRun> runs) {}

    public record LatencyFigure(String scenario, int parallelism, int rate, Stat p50Ms, Stat p99Ms, Stat p999Ms, Stat maxMs,
                                List<LatencyRun> runs) {}

    public record Target(String name, String goal, double value, boolean met) {}

    /**
     * The cost of TLS + SCRAM at one parallelism: {@code scenario} against the secured broker ÷ the same work against the
     * plaintext one ({@code baseline}), run by run in the same round; events/s and CPU per event (benchmark JVM, broker) of both.
     */
    public record SecurityOverhead(int parallelism, String scenario, String baseline, Stat ratio, Stat eventsPerSecond,
                                   Stat baselineEventsPerSecond, Stat jvmCpuMicrosPerEvent, Stat baselineJvmCpuMicrosPerEvent,
                                   Stat brokerCpuMicrosPerEvent, Stat baselineBrokerCpuMicrosPerEvent) {}

    /** Latency against the secured broker ÷ against the plaintext one, per percentile, run by run in the same round. */
    public record LatencyOverhead(String scenario, String baseline, Stat p50Ratio, Stat p99Ratio, Stat p999Ratio) {}

    /**
     * The metrics reporter's overhead at one parallelism: the job with the reporter on and scraped ({@code scenario})
     * ÷ the same job without ({@code baseline}), run by run in the same round; CPU per event of both; scrapes per
     * run, and the most samples in one scrape (all, and the job's own).
     */
    public record MetricsOverhead(int parallelism, String scenario, String baseline, long scrapeIntervalMs, Stat ratio,
                                  Stat eventsPerSecond, Stat baselineEventsPerSecond, Stat jvmCpuMicrosPerEvent,
                                  Stat baselineJvmCpuMicrosPerEvent, Stat scrapesPerRun, Stat samplesPerScrape, Stat jobSamplesPerScrape) {}

    /**
     * What a throughput run reads and runs: the benchmarked job on the shared input, or another catalogue job on its own
     * input ({@code catalogue} group). Its figures are labelled {@code <prefix><scenario>}.
     */
    record Workload(JobDefinition<?> job, String input, long events, String prefix) {
        String label(Scenario s) {
            return prefix + s.label;
        }

        /** The topic of input role {@code role}: the first input's is {@link #input}, another's {@code <input>-<role>}. */
        String inputTopic(TopicRole role) {
            return role.equals(job.inputs().get(0)) ? input : input + "-" + role.role();
        }

        /** Every input topic by role, the first input first, each with the topic configuration its role relies on. */
        Map<String, TopicRole> inputTopics() {
            Map<String, TopicRole> topics = new LinkedHashMap<>();
            for (TopicRole r : job.inputs()) topics.put(inputTopic(r), r);
            return topics;
        }
    }

    /** The other catalogue jobs' scenarios: the whole job exactly-once, beside the transactional copy of the same input. */
    static final List<Scenario> CATALOGUE_SCENARIOS = List.of(Scenario.COPY_TXN, Scenario.FLINK_FULL_EO);

    /**
     * Flink against its peer at one parallelism: the Flink job ({@code flink}) ÷ the same job on Kafka Streams
     * ({@code kstreams}), events/s run by run in the same round; events/s and CPU per event (benchmark JVM, broker) of both.
     */
    public record PeerRatio(int parallelism, String flink, String kstreams, Stat ratio, Stat flinkEventsPerSecond,
                            Stat kstreamsEventsPerSecond, Stat flinkJvmCpuMicrosPerEvent, Stat kstreamsJvmCpuMicrosPerEvent,
                            Stat flinkBrokerCpuMicrosPerEvent, Stat kstreamsBrokerCpuMicrosPerEvent) {}

    /** Latency of the Flink job ÷ the same job on Kafka Streams, per percentile, run by run in the same round. */
    public record LatencyPeerRatio(String flink, String kstreams, Stat p50Ratio, Stat p99Ratio, Stat p999Ratio) {}

    public record Report(Map<String, Object> machine, Map<String, Object> method, List<ThroughputFigure> throughput,
                         List<MetricsOverhead> metricsOverhead, List<SecurityOverhead> securityOverhead, List<LatencyFigure> latency,
                         List<LatencyOverhead> latencyOverhead, RssProbe.Result rss, List<Target> targets,
                         List<PeerRatio> peers, List<LatencyPeerRatio> latencyPeers) {}

    private final BenchOptions o;
    private final PrintStream out;
    private final PlatformHome home = PlatformHome.locate();
    private final Path workDir;
    private BenchKafka plain;
    /** The secured broker of the {@code secure} group (null without it). */
    private BenchKafka secure;
    private LocalFlinkCluster flink;
    /** The runtime of the metrics scenario: the same as {@link #flink}, plus Flink's Prometheus reporter. */
    private LocalFlinkCluster metricsFlink;
    private final JobDefinition<?> job;
    private final Workload main;
    private final List<Workload> catalogue;
    /**
     * The benchmarked job's scenarios of the chosen groups (throughput, metrics, secure; the baseline of an opt-in
     * group's scenario comes with it) that apply to it, in table order.
     */
    private final List<Scenario> scenarios;
    /** Records per written topic role of each exactly-once job run, by scenario, parallelism and round. */
    private final Map<String, EoOutput> exactlyOnceOutput = new java.util.HashMap<>();

    /** What an exactly-once run wrote: records per written topic role, of {@code events} input events. */
    private record EoOutput(long events, Map<String, Long> counts) {}
    /** Records in each workload's first input topic: what a copy copies (a job's other inputs are not copied). */
    private final Map<String, Long> firstInputRecords = new java.util.HashMap<>();
    /** The benchmarked job's input on each broker, when its runs are sized to a steady window ({@link #sized}). */
    private final Map<BenchKafka, GrowingInput> growing = new java.util.HashMap<>();
    /** The latest attempt of each scenario label at each parallelism ({@code label@p}), and at the warm-up ({@code label}). */
    private final Map<String, ThroughputRun> lastRun = new java.util.HashMap<>();

    Benchmark(BenchOptions options, PrintStream out) {
        this.o = options;
        this.out = out;
        this.workDir = options.workDir.toAbsolutePath();
        this.job = options.definition;
        List<Scenario> chosen = java.util.Arrays.stream(Scenario.values())
                .filter(s -> options.has(s.group.option()) && s.appliesTo(job)).toList();
        this.scenarios = java.util.Arrays.stream(Scenario.values())
                .filter(s -> chosen.contains(s) || chosen.stream().anyMatch(c -> c.baseline == s))
                .filter(s -> s.appliesTo(job)).toList();
        this.main = new Workload(job, INPUT, options.events, "");
        this.catalogue = !options.has("catalogue") ? List.of() : io.streamplatform.common.catalogue.Catalogue.all().stream()
                .filter(j -> !j.name().equals(job.name()))
                .map(j -> new Workload(j, INPUT + "-" + j.name(), options.catalogueEvents, j.name() + " "))
                .toList();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        }
        if (options.helpRequested) return 0;
        try {
            new Benchmark(options, out).execute();
            return 0;
        } catch (BenchException | LocalModeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    Report execute() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new BenchException("cannot create " + workDir + ": " + e.getMessage(), e);
        }
        Map<String, Object> machine = Machine.describe(home);
        out.println("Machine: " + machine);
        List<ThroughputRun> throughputRuns = new ArrayList<>();
        List<LatencyRun> latencyRuns = new ArrayList<>();
        Map<String, Object> method = method();
        RssProbe.Result rss = null;
        long stamp = System.currentTimeMillis();
        Path kafkaDir = workDir.resolve("kafka-" + stamp);
        Path secureDir = workDir.resolve("kafka-secure-" + stamp);
        KafkaSecurity security = o.has("secure") ? KafkaSecurity.in(secureDir.resolve("security")) : null;
        try (KafkaBroker broker = KafkaBroker.start(home, kafkaDir, Duration.ofSeconds(90));
             KafkaBroker securedBroker = security == null ? null
                     : KafkaBroker.start(home, secureDir.resolve("kafka"), 0, 0, false, security, Duration.ofSeconds(90));
             LocalFlinkCluster cluster = new LocalFlinkCluster(o.maxParallelism());
             LocalFlinkCluster withMetrics = o.has("metrics") ? new LocalFlinkCluster(o.maxParallelism(), 0, freePort()) : null) {
            plain = BenchKafka.plaintext(broker);
            flink = cluster;
            metricsFlink = withMetrics;
            out.printf("Broker %s (pid %d), Flink MiniCluster with %d slots%n", plain.bootstrap, plain.pid, o.maxParallelism());
            if (withMetrics != null) {
                out.printf("A second Flink MiniCluster with %d slots for the metrics scenario, its Prometheus reporter at %s (scraped every %s)%n",
                        o.maxParallelism(), withMetrics.metricsUrl(), Durations.format(o.metricsScrapeInterval));
            }
            if (securedBroker != null) {
                Map<String, List<KafkaAccess.Acl>> acls = secureAcls(securedBroker.bootstrap());
                secure = BenchKafka.secured(securedBroker, security, secureDir.resolve("security"), acls, Duration.ofSeconds(60));
                String refused = secure.refuseWrongPassword(security, LocalUsers.jobUser(job), Duration.ofSeconds(30));
                out.printf("A second broker %s (pid %d): %s over TLS, ACLs, no plaintext listener; a wrong password is refused (%s); users: %s%n",
                        secure.bootstrap, secure.pid, KafkaSecurity.MECHANISM, refused, describe(acls));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("listener", "SASL_SSL " + KafkaSecurity.MECHANISM);
                m.put("authorizer", "StandardAuthorizer, no access without an ACL");
                m.put("wrongPasswordRefused", refused);
                Map<String, List<String>> users = new LinkedHashMap<>();
                acls.forEach((user, list) -> users.put(user, list.stream().map(KafkaAccess.Acl::toString).toList()));
                m.put("users", users);
                method.put("secureBroker", m);
            }
            boolean mainRuns = !scenarios.isEmpty();
            if (mainRuns || !catalogue.isEmpty()) {
                List<Workload> loads = new ArrayList<>(catalogue);
                if (mainRuns) loads.add(0, main);
                createThroughputTopics(loads);
                for (Workload w : loads) {
                    List<BenchKafka> brokers = w == main && secure != null ? List.of(plain, secure) : List.of(plain);
                    for (BenchKafka kafka : brokers) load(w, kafka, method);
                }
                if (o.warmup) {
                    out.println("Warm-up (not counted): one run of every scenario, so the JIT has compiled every path"
                            + (sized() ? " and the first sized run of each has a rate to start from" : ""));
                    int p = o.parallelisms.get(o.parallelisms.size() - 1);
                    for (Scenario s : scenarios) throughput(main, s, p, 0);
                    for (Workload w : catalogue) throughput(w, Scenario.FLINK_FULL_EO, o.catalogueParallelism, 0);
                }
                for (int round = 1; round <= o.runs; round++) {
                    for (int p : o.parallelisms) {
                        for (Scenario s : inRound(scenarios, round)) throughputRuns.add(throughput(main, s, p, round));
                    }
                    for (Workload w : catalogue) {
                        for (Scenario s : CATALOGUE_SCENARIOS) throughputRuns.add(throughput(w, s, o.catalogueParallelism, round));
                    }
                }
            }
            List<Scenario> latencyScenarios = latencyScenarios();
            if (!latencyScenarios.isEmpty() && !probeReadsJob()) {
                out.println("Latency: the probe reads the events job's output format; skipped for job " + job.name());
            } else if (!latencyScenarios.isEmpty()) {
                for (BenchKafka kafka : secure == null ? List.of(plain) : List.of(plain, secure)) {
                    List<String> all = new ArrayList<>();
                    for (int round = 1; round <= o.runs; round++) {
                        for (Scenario s : latencyScenarios) {
                            if (kafka(s) == kafka) all.addAll(latencyTopicsOf(s, latencyId(s, round)));
                        }
                    }
                    TopicAdmin.ensureTopics(kafka.admin.bootstrap(), kafka.admin.security(), all, o.partitions, Duration.ofSeconds(120));
                }
                for (int round = 1; round <= o.runs; round++) {
                    for (Scenario s : inRound(latencyScenarios, round)) {
                        latencyRuns.add(latency(s, round));
                    }
                }
            }
        }
        // Broker data and checkpoints are of no use after the run (GBs over a full run); profiles and logs stay.
        WorkDirs.delete(kafkaDir, out);
        if (security != null) WorkDirs.delete(secureDir, out);
        WorkDirs.delete(workDir.resolve("checkpoints"), out);
        if (o.has("rss")) {
            out.printf("Local mode (./pipeline --events %d): peak RSS ...%n", o.rssEvents);
            Path rssDir = workDir.resolve("rss-" + System.currentTimeMillis());
            try {
                rss = RssProbe.measure(home, rssDir, job.name(), o.rssEvents);
                WorkDirs.delete(rssDir, out);
            } catch (IOException e) {
                throw new BenchException("measuring local mode failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted");
            }
            out.printf("  %s; sum of peaks %d MB, peak at one instant %d MB%n", rss.peakRssMb(), rss.sumOfPeaksMb(), rss.peakConcurrentMb());
        }
        method.put("totalSeconds", round((System.nanoTime() - started) / 1e9));
        Report report = summarize(machine, method, throughputRuns, latencyRuns, rss);
        String table = Tables.render(report, o);
        out.println();
        out.println(table);
        write(report, table);
        return report;
    }

    /**
     * {@code scenarios} in the order of a round: as listed, except that in even rounds each variant (the job with
     * metrics, the work against the secured broker) runs just before its baseline instead of after it, so neither
     * always follows the same neighbour.
     */
    private static List<Scenario> inRound(List<Scenario> scenarios, int round) {
        List<Scenario> order = new ArrayList<>(scenarios);
        if (round % 2 == 0) {
            for (Scenario s : scenarios) {
                if (s.variant() && order.contains(s.baseline)) {
                    order.remove(s);
                    order.add(order.indexOf(s.baseline), s);
                }
            }
        }
        return order;
    }

    /**
     * Whether the benchmarked job's throughput runs are sized to a steady window: asked for ({@code --steady-window} above
     * 0) and possible (the first n records of its generator's long run are its run of n).
     */
    private boolean sized() {
        return o.steadyWindow.toMillis() > 0 && GrowingInput.fits(job);
    }

    /** The broker a scenario runs against. */
    private BenchKafka kafka(Scenario s) {
        return s.secure ? secure : plain;
    }

    /** Loads a workload's input into {@code kafka} and checks that it holds all of it. */
    private void load(Workload w, BenchKafka kafka, Map<String, Object> method) {
        Map<String, String> byRole = new LinkedHashMap<>();
        w.inputTopics().forEach((topic, role) -> byRole.put(role.role(), topic));
        double loadSeconds;
        if (w == main && sized()) {
            GrowingInput input = new GrowingInput(job, RUN, kafka.as(BenchKafka.PRODUCER), w.input(), o.partitions);
            growing.put(kafka, input);
            loadSeconds = input.ensure(w.events());
        } else {
            loadSeconds = InputLoader.load(w.job(), RUN, kafka.as(BenchKafka.PRODUCER), byRole, w.events());
        }
        long loaded = 0;
        for (String topic : w.inputTopics().keySet()) {
            long n = Topics.countCommitted(kafka.admin, topic, Duration.ofMinutes(5));
            // The same generator and seed fill both brokers: a copy on either copies the same records.
            Long other = topic.equals(w.input()) ? firstInputRecords.putIfAbsent(w.input(), n) : null;
            if (other != null && other != n) throw new BenchException(topic + " holds " + n + " records on one broker, " + other + " on the other");
            loaded += n;
        }
        if (loaded != w.events()) throw new BenchException(w.inputTopics().keySet() + " hold " + loaded + " records, expected " + w.events());
        String broker = kafka.secured() ? " secure" : "";
        method.put("inputLoadSeconds" + (w == main ? "" : " " + w.job().name()) + broker, round(loadSeconds));
        out.printf("Loaded %,d records of the %s job's generator into %s (%d partitions)%s in %.1f s (%,.0f/s)%n",
                w.events(), w.job().name(), w.input(), o.partitions, kafka.secured() ? " on the secured broker" : "", loadSeconds,
                w.events() / loadSeconds);
    }

    /**
     * The latency scenarios: the {@code latency} group's, and with {@code secure} the whole job exactly-once against the
     * plaintext and the secured broker.
     */
    private List<Scenario> latencyScenarios() {
        List<Scenario> list = new ArrayList<>();
        if (o.has("latency")) list.addAll(LATENCY_SCENARIOS);
        if (o.has("secure")) {
            if (!list.contains(Scenario.FLINK_FULL_EO)) list.add(Scenario.FLINK_FULL_EO);
            list.add(list.indexOf(Scenario.FLINK_FULL_EO) + 1, Scenario.FLINK_FULL_EO_SECURE);
        }
        return list;
    }

    /** Whether the latency probe can read the benchmarked job's output (it reads the events job's format). */
    private boolean probeReadsJob() {
        return job.name().equals(io.streamplatform.common.events.EventsDefinition.NAME);
    }

    /**
     * The users of the secured broker and their ACLs, for every run against it: the producer writes the inputs, the job
     * gets what {@link KafkaAccess#job} gives it for each run's options, the copy what {@link CopyPipeline#acls} says,
     * the reader (the latency probe's consumer) reads the latency runs' output. The benchmark's own admin client, a
     * super user, creates topics and reads output back to verify it.
     */
    private Map<String, List<KafkaAccess.Acl>> secureAcls(String bootstrap) {
        Set<KafkaAccess.Acl> producer = new LinkedHashSet<>(KafkaAccess.producer(main.inputTopics().keySet()));
        Set<KafkaAccess.Acl> jobAcls = new LinkedHashSet<>();
        Set<KafkaAccess.Acl> copy = new LinkedHashSet<>();
        Set<KafkaAccess.Acl> reader = new LinkedHashSet<>();
        for (int round = o.warmup ? 0 : 1; round <= o.runs; round++) {
            for (int p : o.parallelisms) {
                for (Scenario s : scenarios) {
                    if (!s.secure) continue;
                    String id = runId(main, s, p, round);
                    if (s.flink) jobAcls.addAll(KafkaAccess.job(job, job.parse(jobArgs(bootstrap, main, s, p, id, main.input(), true))));
                    else copy.addAll(CopyPipeline.acls(main.input(), "out-" + id, id, s.exactlyOnce));
                }
            }
        }
        if (probeReadsJob()) {
            for (int round = 1; round <= o.runs; round++) {
                for (Scenario s : latencyScenarios()) {
                    if (!s.secure) continue;
                    String id = latencyId(s, round), input = "in-" + id, output = latencyOutput(s, id);
                    producer.addAll(KafkaAccess.producer(List.of(input)));
                    if (s.flink) jobAcls.addAll(KafkaAccess.job(job, job.parse(jobArgs(bootstrap, main, s, o.latencyParallelism, id, input, false))));
                    else copy.addAll(CopyPipeline.acls(input, output, id, s.exactlyOnce));
                    reader.addAll(KafkaAccess.consumer(List.of(output), null));
                }
            }
        }
        Map<String, List<KafkaAccess.Acl>> users = new LinkedHashMap<>();
        users.put(BenchKafka.PRODUCER, List.copyOf(producer));
        users.put(LocalUsers.jobUser(job), List.copyOf(jobAcls));
        users.put(BenchKafka.COPY, List.copyOf(copy));
        users.put(BenchKafka.READER, List.copyOf(reader));
        users.values().removeIf(List::isEmpty);
        return users;
    }

    /** Each user and how many ACLs it has (the ACLs themselves are in the JSON). */
    private static String describe(Map<String, List<KafkaAccess.Acl>> acls) {
        StringBuilder sb = new StringBuilder();
        acls.forEach((user, list) -> sb.append(sb.isEmpty() ? "" : ", ").append(user).append(" (").append(list.size()).append(" ACLs)"));
        return sb.toString();
    }

    private static int freePort() {
        try {
            return KafkaBroker.freePort();
        } catch (IOException e) {
            throw new BenchException("no free port for the metrics endpoint: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> method() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job.name());
        m.put("events", o.events);
        m.put("steadyWindowMs", sized() ? o.steadyWindow.toMillis() : 0);
        m.put("rampMs", o.ramp.toMillis());
        m.put("maxEvents", o.maxEvents);
        m.put("catalogueJobs", catalogue.stream().map(w -> w.job().name()).toList());
        m.put("catalogueEvents", o.catalogueEvents);
        m.put("catalogueParallelism", o.catalogueParallelism);
        m.put("partitions", o.partitions);
        m.put("parallelisms", o.parallelisms);
        m.put("runs", o.runs);
        m.put("checkpointIntervalMs", o.checkpointInterval.toMillis());
        m.put("latencyRate", o.latencyRate);
        m.put("latencySeconds", o.latencySeconds);
        m.put("latencyWarmupSeconds", o.latencyWarmupSeconds);
        m.put("latencyParallelism", o.latencyParallelism);
        m.put("rssEvents", o.rssEvents);
        if (o.has("metrics")) m.put("metricsScrapeIntervalMs", o.metricsScrapeInterval.toMillis());
        return m;
    }

    /**
     * One throughput run. Sized to a steady window (the benchmarked job's input, after the warm-up): reads the first n
     * records, n scaled from the latest attempt of the same scenario and parallelism (else its warm-up) to give the window
     * asked for plus some; an attempt whose window came out shorter is run again with more, up to {@link #MAX_ATTEMPTS}
     * attempts in all.
     */
    private ThroughputRun throughput(Workload w, Scenario s, int p, int round) {
        GrowingInput input = w == main ? growing.get(kafka(s)) : null;
        if (input == null || round == 0) {
            ThroughputRun run = attempt(w, s, p, round, input == null ? w.events() : o.events, input, 0);
            lastRun.put(w.label(s), run);
            return run;
        }
        ThroughputRun last = lastRun.getOrDefault(w.label(s) + "@" + p, lastRun.get(w.label(s)));
        long n = last == null ? o.events : size(last);
        // An at-least-once run reads what its exactly-once twin of the round read, so that its output can be held against that run's.
        EoOutput twin = s.exactlyOnceTwin() == null ? null : exactlyOnceOutput.get(runId(w, s.exactlyOnceTwin(), p, round));
        if (twin != null) n = twin.events();
        for (int attempt = 0; ; attempt++) {
            ThroughputRun run = attempt(w, s, p, round, n, input, attempt);
            lastRun.put(w.label(s) + "@" + p, run);
            boolean steady = run.steadySeconds() != null && run.steadySeconds() >= o.steadyWindow.toMillis() / 1000.0;
            if (steady || attempt == MAX_ATTEMPTS - 1 || n >= o.maxEvents) {
                if (!steady) {
                    out.printf("    steady window %s s, under %s: the run stands, flagged (%,d events: --max-events, or after %d attempts)%n",
                            run.steadySeconds() == null ? "none" : run.steadySeconds(), Durations.format(o.steadyWindow), n, MAX_ATTEMPTS);
                }
                return run;
            }
            n = Math.max(size(run), n + n / 4);
            out.printf("    steady window %s s, under %s: again with %,d events (this attempt is not counted)%n",
                    run.steadySeconds() == null ? "none" : run.steadySeconds(), Durations.format(o.steadyWindow), n);
            again(w, s, p, round);
        }
    }

    /** Attempts of one sized run before a short steady window is let stand (flagged in the output and the JSON). */
    private static final int MAX_ATTEMPTS = 4;

    /**
     * Events for a window of 1.3 × {@code --steady-window} (rates swing by a fifth between runs here), from an attempt
     * that read {@code run.events()}: the ramp plus the window take a share of a run that grows with its events (the rest
     * is its end: workers running out one by one, a bounded job's last checkpoint), so they scale alike. An attempt
     * without a window (too short for one) is sized from its whole run's rate.
     */
    private long size(ThroughputRun run) {
        double ramp = o.ramp.toMillis() / 1000.0, wanted = 1.3 * o.steadyWindow.toMillis() / 1000.0;
        long n;
        if (run.steadySeconds() == null) {
            // Its whole run's rate, start-up included, understates the steady one: half as much again.
            double seconds = ramp + wanted + 2 * o.checkpointInterval.toMillis() / 1000.0;
            n = Math.max(2 * run.events(), (long) (run.eventsPerSecond() * seconds * 1.5));
        } else {
            n = (long) (run.events() * Math.min(4, (wanted + ramp) / (run.steadySeconds() + ramp)));
        }
        return Math.min(o.maxEvents, Math.max(o.events, n));
    }

    /** Before a run is attempted again: its output topics anew and its consumer group gone (so nothing of the last attempt is read). */
    private void again(Workload w, Scenario s, int p, int round) {
        String id = runId(w, s, p, round);
        BenchKafka kafka = kafka(s);
        Topics.deleteGroup(kafka.admin, group(s, id));
        TopicAdmin.ensureTopics(kafka.admin.bootstrap(), kafka.admin.security(), topicsOf(w, s, id), o.partitions, Duration.ofSeconds(120));
    }

    /** The consumer group whose commits say how far a run is. */
    private static String group(Scenario s, String id) {
        return s.flink || s.kstreams() ? "bench-" + id : CopyPipeline.group(id);
    }

    private ThroughputRun attempt(Workload w, Scenario s, int p, int round, long n, GrowingInput input, int shortAttempts) {
        String id = runId(w, s, p, round);
        String output = "out-" + id;
        List<String> topics = topicsOf(w, s, id);
        BenchKafka kafka = kafka(s);
        Map<Integer, Long> stop = null;
        if (input != null) {
            double loading = input.ensure(n);
            if (loading > 0) out.printf("    loaded the input up to %,d records (%.1f s)%n", n, loading);
            stop = input.stopOffsets(n);
        }
        Progress progress = stop == null ? null : Progress.start(kafka.admin, group(s, id), w.input(), stop, kafka.pid);
        Recording jfr = o.profile && round == 1 ? startProfile() : null;
        long wallStart = System.nanoTime();
        long start;
        long end;
        long peakState = 0;
        MetricsScraper.Result scraped = null;
        CpuSample cpuStart;
        String boundedOffsets = stop == null ? null : input.boundedOffsets(stop);
        // Which worker reads each input partition: what the steady window's end is judged by.
        Map<Integer, Integer> workers = s.flink ? Progress.flinkReaders(w.input(), o.partitions, p) : CopyPipeline.workers(o.partitions, p);
        if (s.flink) {
            LocalFlinkCluster runtime = s.metrics ? metricsFlink : flink;
            JobID job = submit(runtime, kafka, w, s, p, id, w.input(), output, true, boundedOffsets);
            start = awaitRunning(runtime, job, wallStart);
            cpuStart = CpuSample.take(kafka.pid);
            MetricsScraper scraper = s.metrics ? MetricsScraper.start(runtime.metricsUrl(), o.metricsScrapeInterval, "bench-" + id) : null;
            JobResult result;
            try (scraper) {
                result = runtime.awaitResult(job, RUN_TIMEOUT);
                end = System.nanoTime();
                if (scraper != null) scraped = scraper.stop();
            }
            if (!result.isSuccess()) {
                throw new BenchException(id + ": the job failed: " + result.getSerializedThrowable().map(Throwable::toString).orElse("?"));
            }
            if (scraped != null && scraped.scrapes() == 0) {
                throw new BenchException(id + ": no scrape of " + runtime.metricsUrl() + " succeeded (" + scraped.failures() + " failed"
                        + (scraped.lastFailure() == null ? "" : ", last: " + scraped.lastFailure()) + ")");
            }
            peakState = runtime.peakCheckpointedState(job);
        } else if (s.kstreams()) {
            Endpoint endpoint = kafka.as(BenchKafka.COPY);
            try (KStreamsEventsJob ks = KStreamsEventsJob.start(kstreamsOptions(kafka, w, s, p, id, w.input(), true), endpoint,
                    workDir.resolve("kstreams").resolve(id), stop)) {
                ks.awaitRunning(Duration.ofSeconds(120));
                start = System.nanoTime();
                cpuStart = CpuSample.take(kafka.pid);
                workers = ks.threadOfPartition();
                ks.awaitDone(endpoint, RUN_TIMEOUT);
                end = System.nanoTime();
            }
        } else {
            try (CopyPipeline copy = new CopyPipeline(kafka.as(BenchKafka.COPY), w.input(), output, o.partitions, p, s.exactlyOnce,
                    o.checkpointInterval, id, true, stop)) {
                copy.prepare();
                start = System.nanoTime();
                cpuStart = CpuSample.take(kafka.pid);
                copy.start();
                copy.awaitDone(RUN_TIMEOUT);
                end = System.nanoTime();
            }
        }
        // A copy moves the first input only; a job with several inputs reads them all.
        long events = stop != null ? n : !s.runsJob() ? firstInputRecords.getOrDefault(w.input(), w.events()) : w.events();
        CpuSample.Use cpu = CpuSample.take(kafka.pid).since(cpuStart, events);
        Progress.Window window = null;
        if (progress != null) {
            progress.close();
            window = progress.window(start, o.ramp, workers);
        }
        if (jfr != null) stopProfile(jfr, id);
        long checking = System.nanoTime();
        long count = checkOutput(kafka, w, s, p, round, id, output, events);
        double checkSeconds = (System.nanoTime() - checking) / 1e9;
        Topics.delete(kafka.admin, topics);
        double seconds = (end - start) / 1e9;
        String user = !kafka.secured() ? null : s.flink ? LocalUsers.jobUser(w.job()) : BenchKafka.COPY;
        ThroughputRun run = new ThroughputRun(w.label(s), p, round, events, count, round(seconds), round((end - wallStart) / 1e9),
                Math.round(window != null ? window.recordsPerSecond() : events / seconds), window != null ? window.cpu() : cpu, peakState,
                scraped, user, window == null ? null : window.seconds(), window == null ? null : window.records(), shortAttempts);
        out.printf("  %s p=%d %-26s %,10.0f events/s  (%s%,d events in %.2f s; %.2f s incl. start-up; %,d out, checked in %.1f s; CPU µs/event: %.2f here, %.2f broker; machine %.0f%% busy%s)%n",
                round == 0 ? "warm-up" : "round " + round, p, w.label(s), run.eventsPerSecond(),
                window == null ? "" : String.format(Locale.ROOT, "steady %,d in %.2f s of ", window.records(), window.seconds()),
                events, seconds, run.wallSeconds(), count, checkSeconds,
                run.cpu().jvmMicrosPerEvent(), run.cpu().brokerMicrosPerEvent(), 100 * run.cpu().machineBusy(),
                s.flink ? String.format("; peak checkpointed state %,.0f KiB", peakState / 1024.0) : "");
        if (scraped != null) {
            out.printf("    metrics: %d scrapes of %d samples at most (%d of the job), longest %.0f ms%s%n", scraped.scrapes(),
                    scraped.maxSamples(), scraped.maxJobSamples(), scraped.maxScrapeMs(),
                    scraped.failures() == 0 ? "" : "; " + scraped.failures() + " failed, last: " + scraped.lastFailure());
        }
        return run;
    }

    private static final List<Scenario> LATENCY_SCENARIOS =
            List.of(Scenario.COPY_ALO, Scenario.COPY_TXN, Scenario.FLINK_FULL_EO, Scenario.FLINK_FULL_ALO, Scenario.KSTREAMS_FULL_EO);

    private static String runId(Workload w, Scenario s, int p, int round) {
        return (w.prefix().isEmpty() ? "" : w.job().name() + "-") + s.label + "-p" + p + "-r" + round;
    }

    private static String latencyId(Scenario s, int round) {
        return "lat-" + s.label + "-r" + round;
    }

    /** The topic a latency run's consumer reads: the copy's output, or the job's primary output. */
    private String latencyOutput(Scenario s, String id) {
        return s.runsJob() ? topic(job.primaryOutput(), id) : "out-" + id;
    }

    private List<String> latencyTopicsOf(Scenario s, String id) {
        List<String> topics = new ArrayList<>(List.of("in-" + id));
        topics.addAll(topicsOf(main, s, id));
        return topics;
    }

    /** The topics a run writes: the copies' output, or every topic the job writes, named {@code <role>-<run id>}. */
    private static List<String> topicsOf(Workload w, Scenario s, String id) {
        if (!s.runsJob()) return List.of("out-" + id);
        return written(w.job()).stream().map(r -> topic(r, id)).toList();
    }

    private static List<TopicRole> written(JobDefinition<?> job) {
        return job.topics().stream().filter(TopicRole::written).toList();
    }

    private static String topic(TopicRole role, String id) {
        return role.role() + "-" + id;
    }

    /**
     * Checks a run's output and returns the records in its main output. Copies: every input record once (exactly-once)
     * or at least once. Exactly-once runs of the job: its own verifier passes. At-least-once runs of the job: each
     * written topic holds at least what the exactly-once run of the same work, round and parallelism wrote.
     */
    private long checkOutput(BenchKafka kafka, Workload w, Scenario s, int p, int round, String id, String output, long events) {
        JobDefinition<?> job = w.job();
        if (!s.runsJob()) {
            long count = s.exactlyOnce ? Topics.countCommitted(kafka.admin, output, Duration.ofMinutes(5)) : Topics.countWritten(kafka.admin, output);
            long copied = events;
            if (s.exactlyOnce ? count != copied : count < copied) {
                throw new BenchException(id + ": output holds " + count + " records, expected " + copied);
            }
            return count;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        if (s.exactlyOnce) {
            Verifier verifier = job.verifierFor(job.parse(jobArgs(kafka.bootstrap, w, s, p, id, w.input(), true)), new RunFacts(RUN, events, 0));
            for (TopicRole role : job.topics()) {
                if (!role.written() && !verifier.roles().contains(role.role())) continue;
                String topic = role.written() ? topic(role, id) : w.inputTopic(role);
                long read = Topics.readCommitted(kafka.admin, topic, Duration.ofMinutes(5), r -> {
                    if (verifier.roles().contains(role.role())) {
                        verifier.accept(role.role(), new Verifier.VerifiedRecord(r.key(), r.value(), r.timestamp(), name -> {
                            var h = r.headers().lastHeader(name);
                            return h == null ? null : h.value();
                        }), System.currentTimeMillis());
                    }
                });
                if (role.written()) counts.put(role.role(), read);
            }
            Verifier.Verdict verdict = verifier.verdict();
            if (!verdict.passed()) throw new BenchException(id + ": the " + job.name() + " verifier failed the output: " + verdict.problems());
            exactlyOnceOutput.put(runId(w, s, p, round), new EoOutput(events, counts));
        } else {
            // At-least-once output is written without transactions: its end offsets count its records.
            for (TopicRole role : written(job)) counts.put(role.role(), Topics.countWritten(kafka.admin, topic(role, id)));
            EoOutput twin = exactlyOnceOutput.get(runId(w, s.exactlyOnceTwin(), p, round));
            if (twin != null && twin.events() == events) {
                twin.counts().forEach((role, eo) -> {
                    if (counts.get(role) < eo) {
                        throw new BenchException(id + ": " + role + " holds " + counts.get(role) + " records, fewer than the exactly-once run's " + eo);
                    }
                });
            } else if (w == main && growing.containsKey(kafka)) {
                // The sized input has no malformed records: every event it read reaches the primary output.
                long out = counts.get(job.primaryOutput().role());
                if (out < events) throw new BenchException(id + ": " + job.primaryOutput().role() + " holds " + out + " records, fewer than the " + events + " events read");
            }
        }
        return counts.get(job.primaryOutput().role());
    }

    /**
     * Creates the output topics of every throughput run before the first, each on the broker its run uses, so no run
     * pays for topic creation; {@link TopicAdmin#ensureTopics} returns once their partitions are served. On the secured
     * broker the users' ACLs exist by then: they were created before these topics, and the broker applies the cluster's
     * metadata in order.
     */
    private void createThroughputTopics(List<Workload> loads) {
        List<String> all = new ArrayList<>();
        List<String> secured = new ArrayList<>();
        Map<String, Map<String, String>> inputs = new LinkedHashMap<>();
        for (Workload w : loads) {
            w.inputTopics().forEach((topic, role) -> inputs.put(topic, role.config()));
            for (int round = o.warmup ? 0 : 1; round <= o.runs; round++) {
                if (w == main) {
                    for (int p : o.parallelisms) {
                        for (Scenario s : scenarios) (s.secure ? secured : all).addAll(topicsOf(w, s, runId(w, s, p, round)));
                    }
                } else {
                    for (Scenario s : CATALOGUE_SCENARIOS) all.addAll(topicsOf(w, s, runId(w, s, o.catalogueParallelism, round)));
                }
            }
        }
        Duration timeout = Duration.ofSeconds(120);
        TopicAdmin.ensureTopics(plain.admin.bootstrap(), plain.admin.security(), inputs, o.partitions, timeout);
        TopicAdmin.ensureTopics(plain.admin.bootstrap(), plain.admin.security(), all, o.partitions, timeout);
        if (secure != null) {
            Map<String, Map<String, String>> mainInputs = new LinkedHashMap<>();
            main.inputTopics().forEach((topic, role) -> mainInputs.put(topic, role.config()));
            TopicAdmin.ensureTopics(secure.admin.bootstrap(), secure.admin.security(), mainInputs, o.partitions, timeout);
            TopicAdmin.ensureTopics(secure.admin.bootstrap(), secure.admin.security(), secured, o.partitions, timeout);
        }
    }

    /** When every task runs (the sources start reading); a job so short it finished meanwhile counts from submission. */
    private static long awaitRunning(LocalFlinkCluster flink, JobID job, long submitted) {
        try {
            flink.awaitRunning(job, Duration.ofSeconds(120));
            return System.nanoTime();
        } catch (LocalModeException e) {
            if (flink.status(job) == JobStatus.FINISHED) return submitted;
            throw e;
        }
    }

    private LatencyRun latency(Scenario s, int round) {
        int p = o.latencyParallelism;
        String id = latencyId(s, round);
        String input = "in-" + id;
        String output = latencyOutput(s, id);
        List<String> topics = latencyTopicsOf(s, id);
        BenchKafka kafka = kafka(s);
        Endpoint producer = kafka.as(BenchKafka.PRODUCER), reader = kafka.as(BenchKafka.READER);
        LatencyProbe.Result result;
        if (s.flink) {
            JobID job = submit(flink, kafka, main, s, p, id, input, output, false, null);
            try {
                flink.awaitRunning(job, Duration.ofSeconds(120));
                result = LatencyProbe.measure(producer, reader, input, output, o.latencyRate, o.latencySeconds, o.latencyWarmupSeconds, id);
            } finally {
                flink.cancel(job);
            }
        } else if (s.kstreams()) {
            try (KStreamsEventsJob ks = KStreamsEventsJob.start(kstreamsOptions(kafka, main, s, p, id, input, false), kafka.as(BenchKafka.COPY),
                    workDir.resolve("kstreams").resolve(id))) {
                ks.awaitRunning(Duration.ofSeconds(120));
                result = LatencyProbe.measure(producer, reader, input, output, o.latencyRate, o.latencySeconds, o.latencyWarmupSeconds, id);
            }
        } else {
            try (CopyPipeline copy = new CopyPipeline(kafka.as(BenchKafka.COPY), input, output, o.partitions, p, s.exactlyOnce,
                    o.checkpointInterval, id, false)) {
                copy.prepare();
                copy.start();
                result = LatencyProbe.measure(producer, reader, input, output, o.latencyRate, o.latencySeconds, o.latencyWarmupSeconds, id);
            }
        }
        Topics.delete(kafka.admin, topics);
        out.printf("  round %d latency %-16s p=%d at %,.0f/s: p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms (%,d events)%n",
                round, s.label, p, result.achievedRate(), result.p50Ms(), result.p99Ms(), result.p999Ms(), result.maxMs(), result.distinct());
        return new LatencyRun(s.label, p, round, result);
    }

    /**
     * Submits the scenario's Flink job to {@code flink}: the benchmarked job, or Flink alone copying its input; against
     * the secured broker as the job's user ({@code --client-config}, which the job's source and sinks get).
     */
    private JobID submit(LocalFlinkCluster flink, BenchKafka kafka, Workload w, Scenario s, int p, String id, String input, String output,
                         boolean bounded, String boundedOffsets) {
        List<String> args = new ArrayList<>(jobArgs(kafka.bootstrap, w, s, p, id, input, bounded));
        if (boundedOffsets != null) args.addAll(List.of("--bounded-offsets", boundedOffsets));
        if (kafka.secured()) args.addAll(List.of(ClientConfig.OPTION, kafka.clientConfig(LocalUsers.jobUser(w.job())).toString()));
        if (!s.passThrough) return flink.submit(ConfiguredJob.of(w.job(), args), null);
        TopicRole in = w.job().inputs().get(0);
        return flink.submit(w.job().parse(args), null, (env, options) -> FlinkCopyJob.build(env, options, in, output));
    }

    /**
     * The job's arguments for a run against {@code bootstrap}, through its own parser as a deployment would pass them;
     * without the client config file, which only the submitted job needs.
     */
    private List<String> jobArgs(String bootstrap, Workload w, Scenario s, int p, String id, String input, boolean bounded) {
        JobDefinition<?> job = w.job();
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap", bootstrap,
                "--group-id", "bench-" + id,
                "--job-name", "bench-" + id,
                "--starting-offsets", "earliest",
                "--delivery", s.exactlyOnce ? "exactly-once" : "at-least-once",
                "--checkpoint-interval", Durations.format(o.checkpointInterval),
                "--checkpoint-dir", workDir.resolve("checkpoints").toUri().toString(),
                "--state-backend", "hashmap",
                "--parallelism", Integer.toString(p),
                job.inputs().get(0).flag(), input));
        for (TopicRole other : job.inputs().subList(1, job.inputs().size())) args.addAll(List.of(other.flag(), w.inputTopic(other)));
        if (bounded) args.add("--bounded");
        for (TopicRole role : written(job)) args.addAll(List.of(role.flag(), topic(role, id)));
        args.addAll(s.jobArgs);
        return args;
    }

    /** The Kafka Streams job's options: the Flink job's arguments for the same run, through the same parser. */
    private io.streamplatform.common.events.EventsOptions kstreamsOptions(BenchKafka kafka, Workload w, Scenario s, int p, String id,
                                                                          String input, boolean bounded) {
        return (io.streamplatform.common.events.EventsOptions) w.job().parse(jobArgs(kafka.bootstrap, w, s, p, id, input, bounded));
    }

    private static Recording startProfile() {
        try {
            Recording r = new Recording(Configuration.getConfiguration("profile"));
            r.start();
            return r;
        } catch (IOException | java.text.ParseException e) {
            throw new BenchException("cannot start JFR: " + e.getMessage(), e);
        }
    }

    private void stopProfile(Recording r, String id) {
        try (r) {
            r.stop();
            Path file = workDir.resolve("profiles").resolve(id + ".jfr");
            Files.createDirectories(file.getParent());
            r.dump(file);
            out.println("  profile " + file);
        } catch (IOException e) {
            throw new BenchException("cannot write the JFR profile: " + e.getMessage(), e);
        }
    }

    Report summarize(Map<String, Object> machine, Map<String, Object> method, List<ThroughputRun> tRuns, List<LatencyRun> lRuns,
                     RssProbe.Result rss) {
        List<ThroughputFigure> throughput = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        record Row(Workload w, Scenario s, int p) {}
        List<Row> rows = new ArrayList<>();
        for (int p : o.parallelisms) for (Scenario s : scenarios) rows.add(new Row(main, s, p));
        for (Workload w : catalogue) for (Scenario s : CATALOGUE_SCENARIOS) rows.add(new Row(w, s, o.catalogueParallelism));
        for (Row row : rows) {
            Scenario s = row.s();
            int p = row.p();
            String label = row.w().label(s);
            String baseline = s.baseline == null ? null : row.w().label(s.baseline);
            List<ThroughputRun> runs = tRuns.stream().filter(r -> r.parallelism() == p && r.scenario().equals(label)).toList();
            if (runs.isEmpty()) continue;
            List<Double> ratios = new ArrayList<>();
            if (baseline != null) {
                for (ThroughputRun r : runs) {
                    tRuns.stream().filter(b -> b.parallelism() == p && b.round() == r.round() && b.scenario().equals(baseline))
                            .findFirst().ifPresent(b -> ratios.add(r.eventsPerSecond() / b.eventsPerSecond()));
                }
            }
            Stat ratio = Stat.of(ratios);
            Function<Function<CpuSample.Use, Double>, Stat> cpu = f -> Stat.of(runs.stream().map(r -> f.apply(r.cpu())).toList());
            throughput.add(new ThroughputFigure(label, p, baseline,
                    Stat.of(runs.stream().map(ThroughputRun::eventsPerSecond).toList()), ratio,
                    cpu.apply(CpuSample.Use::jvmMicrosPerEvent), cpu.apply(CpuSample.Use::brokerMicrosPerEvent),
                    cpu.apply(CpuSample.Use::machineBusy),
                    s.flink ? Stat.of(runs.stream().map(r -> (double) r.peakStateBytes()).toList()) : null,
                    Stat.of(runs.stream().filter(r -> r.steadySeconds() != null).map(ThroughputRun::steadySeconds).toList()), runs));
            double goal = row.w() != main ? 0 : switch (s) {
                case FLINK_TRANSFORM_EO, FLINK_TRANSFORM_ALO -> 0.9;
                case FLINK_FULL_EO -> 0.7;
                default -> 0;
            };
            if (goal > 0 && ratio != null) {
                targets.add(new Target(s.label + " p=" + p, "≥ " + goal + "× " + s.baseline.label, round(ratio.median()),
                        ratio.median() >= goal));
            }
        }
        List<MetricsOverhead> overhead = new ArrayList<>();
        for (ThroughputFigure f : throughput) {
            if (!f.scenario().equals(main.label(Scenario.FLINK_FULL_EO_METRICS))) continue;
            ThroughputFigure without = throughput.stream()
                    .filter(b -> b.parallelism() == f.parallelism() && b.scenario().equals(f.baseline())).findFirst().orElse(null);
            if (without == null) continue;
            Function<Function<MetricsScraper.Result, Double>, Stat> scrapes =
                    g -> Stat.of(f.runs().stream().filter(r -> r.metrics() != null).map(r -> g.apply(r.metrics())).toList());
            overhead.add(new MetricsOverhead(f.parallelism(), f.scenario(), f.baseline(), o.metricsScrapeInterval.toMillis(), f.ratio(),
                    f.eventsPerSecond(), without.eventsPerSecond(), f.jvmCpuMicrosPerEvent(), without.jvmCpuMicrosPerEvent(),
                    scrapes.apply(m -> (double) m.scrapes()), scrapes.apply(m -> (double) m.maxSamples()),
                    scrapes.apply(m -> (double) m.maxJobSamples())));
        }
        List<SecurityOverhead> security = new ArrayList<>();
        for (ThroughputFigure f : throughput) {
            if (!secureLabels().contains(f.scenario()) || f.ratio() == null) continue;
            ThroughputFigure plainFigure = throughput.stream()
                    .filter(b -> b.parallelism() == f.parallelism() && b.scenario().equals(f.baseline())).findFirst().orElseThrow();
            security.add(new SecurityOverhead(f.parallelism(), f.scenario(), f.baseline(), f.ratio(), f.eventsPerSecond(),
                    plainFigure.eventsPerSecond(), f.jvmCpuMicrosPerEvent(), plainFigure.jvmCpuMicrosPerEvent(),
                    f.brokerCpuMicrosPerEvent(), plainFigure.brokerCpuMicrosPerEvent()));
        }
        List<LatencyOverhead> latencyOverhead = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            if (!s.secure) continue;
            List<LatencyRun> runs = lRuns.stream().filter(r -> r.scenario().equals(s.label)).toList();
            if (runs.isEmpty()) continue;
            Function<Function<LatencyProbe.Result, Long>, Stat> ratio = f -> Stat.of(runs.stream().flatMap(r -> lRuns.stream()
                    .filter(b -> b.round() == r.round() && b.scenario().equals(s.baseline.label))
                    .map(b -> (double) f.apply(r.result()) / Math.max(1, f.apply(b.result())))).toList());
            latencyOverhead.add(new LatencyOverhead(s.label, s.baseline.label, ratio.apply(LatencyProbe.Result::p50Ms),
                    ratio.apply(LatencyProbe.Result::p99Ms), ratio.apply(LatencyProbe.Result::p999Ms)));
        }
        List<LatencyFigure> latency = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            List<LatencyRun> runs = lRuns.stream().filter(r -> r.scenario().equals(s.label)).toList();
            if (runs.isEmpty()) continue;
            Function<Function<LatencyProbe.Result, Long>, Stat> stat =
                    f -> Stat.of(runs.stream().map(r -> (double) f.apply(r.result())).toList());
            LatencyFigure fig = new LatencyFigure(s.label, runs.get(0).parallelism(), o.latencyRate, stat.apply(LatencyProbe.Result::p50Ms),
                    stat.apply(LatencyProbe.Result::p99Ms), stat.apply(LatencyProbe.Result::p999Ms), stat.apply(LatencyProbe.Result::maxMs), runs);
            latency.add(fig);
            if (s == Scenario.FLINK_FULL_EO) {
                long goal = o.checkpointInterval.toMillis() + 300;
                targets.add(new Target("latency p99 " + s.label, "≤ " + goal + " ms", fig.p99Ms().median(), fig.p99Ms().median() <= goal));
            } else if (s == Scenario.FLINK_FULL_ALO) {
                targets.add(new Target("latency p99 " + s.label, "≤ 50 ms", fig.p99Ms().median(), fig.p99Ms().median() <= 50));
            }
        }
        List<PeerRatio> peers = peers(tRuns);
        for (PeerRatio r : peers) {
            if (r.parallelism() == 2 && r.flink().equals(Scenario.FLINK_FULL_EO.label)) {
                targets.add(new Target(r.flink() + " ÷ " + r.kstreams() + " p=2", "≥ 1.0×", round(r.ratio().median()), r.ratio().median() >= 1.0));
            }
        }
        List<LatencyPeerRatio> latencyPeers = latencyPeers(lRuns);
        for (LatencyPeerRatio r : latencyPeers) {
            targets.add(new Target("latency p99 " + r.flink() + " ÷ " + r.kstreams(), "≤ 1.0×", round(r.p99Ratio().median()),
                    r.p99Ratio().median() <= 1.0));
        }
        return new Report(machine, method, throughput, overhead, security, latency, latencyOverhead, rss, targets, peers, latencyPeers);
    }

    /** Each Kafka Streams scenario against its Flink twin, per parallelism, from the runs of the same rounds. */
    private List<PeerRatio> peers(List<ThroughputRun> tRuns) {
        List<PeerRatio> peers = new ArrayList<>();
        for (int p : o.parallelisms) {
            for (Scenario s : scenarios) {
                if (!s.kstreams()) continue;
                List<ThroughputRun> ks = tRuns.stream().filter(r -> r.parallelism() == p && r.scenario().equals(s.label)).toList();
                List<ThroughputRun> fl = tRuns.stream().filter(r -> r.parallelism() == p && r.scenario().equals(s.flinkTwin.label)).toList();
                if (ks.isEmpty() || fl.isEmpty()) continue;
                List<Double> ratios = new ArrayList<>();
                for (ThroughputRun k : ks) {
                    fl.stream().filter(f -> f.round() == k.round()).findFirst().ifPresent(f -> ratios.add(f.eventsPerSecond() / k.eventsPerSecond()));
                }
                if (ratios.isEmpty()) continue;
                Function<List<ThroughputRun>, Function<Function<ThroughputRun, Double>, Stat>> stat =
                        runs -> f -> Stat.of(runs.stream().map(f).toList());
                peers.add(new PeerRatio(p, s.flinkTwin.label, s.label, Stat.of(ratios),
                        stat.apply(fl).apply(r -> r.eventsPerSecond()), stat.apply(ks).apply(r -> r.eventsPerSecond()),
                        stat.apply(fl).apply(r -> r.cpu().jvmMicrosPerEvent()), stat.apply(ks).apply(r -> r.cpu().jvmMicrosPerEvent()),
                        stat.apply(fl).apply(r -> r.cpu().brokerMicrosPerEvent()), stat.apply(ks).apply(r -> r.cpu().brokerMicrosPerEvent())));
            }
        }
        return peers;
    }

    /** Each Kafka Streams latency scenario against its Flink twin, per percentile, from the runs of the same rounds. */
    private static List<LatencyPeerRatio> latencyPeers(List<LatencyRun> lRuns) {
        List<LatencyPeerRatio> peers = new ArrayList<>();
        for (Scenario s : LATENCY_SCENARIOS) {
            if (!s.kstreams()) continue;
            List<LatencyRun> runs = lRuns.stream().filter(r -> r.scenario().equals(s.label)).toList();
            Function<Function<LatencyProbe.Result, Long>, Stat> ratio = f -> Stat.of(runs.stream().flatMap(k -> lRuns.stream()
                    .filter(b -> b.round() == k.round() && b.scenario().equals(s.flinkTwin.label))
                    .map(b -> (double) f.apply(b.result()) / Math.max(1, f.apply(k.result())))).toList());
            Stat p99 = ratio.apply(LatencyProbe.Result::p99Ms);
            if (p99 == null) continue;
            peers.add(new LatencyPeerRatio(s.flinkTwin.label, s.label, ratio.apply(LatencyProbe.Result::p50Ms), p99,
                    ratio.apply(LatencyProbe.Result::p999Ms)));
        }
        return peers;
    }

    /** The labels of the benchmarked job's scenarios against the secured broker. */
    private List<String> secureLabels() {
        return scenarios.stream().filter(s -> s.secure).map(main::label).toList();
    }

    private void write(Report report, String table) {
        Path file = o.output != null ? o.output
                : Path.of("bench-results", "benchmark-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC).format(Instant.now()) + ".json");
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            Path md = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
            Files.writeString(md, table + "\n");
            out.println("Wrote " + file.toAbsolutePath() + " and " + md.toAbsolutePath());
        } catch (IOException e) {
            throw new BenchException("cannot write " + file + ": " + e.getMessage(), e);
        }
        for (Path chart : Charts.write(report, file)) out.println("Wrote " + chart.toAbsolutePath());
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
