package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamplatform.common.Monitoring;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.job.core.ConfiguredJob;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring proven against a real Prometheus (the system's, Debian's package in CI) scraping a local run — the
 * broker with the chart's JMX exporter rules, the Flink runtime with the events job, the lag exporter, the producer
 * and consumer apps — with the chart's alert rules: promtool accepts the rules; every dashboard panel's query and every
 * alert's query is valid and every metric they read has data; the consumer-lag alert fires when the job is stopped
 * while the producer goes on, and resolves once the job resumes from its savepoint.
 */
class MonitoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b((?:flink|kafka|platform|jvm)_[a-zA-Z0-9_]+)\\b");
    /** The lag alert's tunables for a test: it fires within a minute of the job stopping at the producer's rate. */
    private static final Map<String, String> FAST_LAG_ALERT = Map.of("lagGrowingFor", "20s", "lagMinRecords", "1500");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void panelsAndRulesReadRealDataAndTheLagAlertFiresAndResolves(@TempDir Path dir) throws Exception {
        PlatformHome home = PlatformHome.locate();
        JobDefinition<?> events = Catalogue.get("events");
        try (KafkaBroker broker = KafkaBroker.start(home, dir.resolve("kafka"), 0, KafkaBroker.freePort(), false, Duration.ofSeconds(90));
             LagExporter lag = LagExporter.start(broker.bootstrap());
             LocalFlinkCluster flink = new LocalFlinkCluster(2, 0, KafkaBroker.freePort())) {
            String bootstrap = broker.bootstrap();
            List<String> args = LocalJobArgs.of(events, bootstrap, "monitored", dir.resolve("checkpoints").toUri().toString(),
                    LocalJobArgs.defaults(events), List.of());
            ConfiguredJob<?> job = ConfiguredJob.of(events, args);
            TopicAdmin.ensureTopics(bootstrap, TopicAdmin.topicsOf(events, job.options()), 2, Duration.ofSeconds(60));
            JobID id = flink.submit(job, null);
            flink.awaitRunning(id, Duration.ofSeconds(120));

            int producerPort = KafkaBroker.freePort();
            int consumerPort = KafkaBroker.freePort(producerPort);
            try (JavaProcess producer = home.startApp("producer", List.of("-Xmx256m"), List.of("--job", "events", "--bootstrap", bootstrap,
                         "--count", "1000000", "--rate", "100", "--malformed-fraction", "0.02", "--metrics-port", Integer.toString(producerPort)),
                         dir.resolve("producer.log"), line -> { });
                 JavaProcess consumer = home.startApp("consumer", List.of("-Xmx256m"), List.of("--job", "events", "--bootstrap", bootstrap,
                         "--metrics-port", Integer.toString(consumerPort)), dir.resolve("consumer.log"), line -> { })) {
                Map<String, String> targets = new LinkedHashMap<>();
                targets.put("flink", LocalMonitoring.target(flink.metricsUrl()));
                targets.put("kafka", LocalMonitoring.target(broker.metricsUrl()));
                targets.put("kafka-lag", LocalMonitoring.target(lag.metricsUrl()));
                targets.put("producer", "127.0.0.1:" + producerPort);
                targets.put("consumer", "127.0.0.1:" + consumerPort);
                try (PrometheusServer prometheus = PrometheusServer.start(dir.resolve("prometheus"), KafkaBroker.freePort(), targets,
                        LocalMonitoring.alertRules(FAST_LAG_ALERT), Duration.ofSeconds(60))) {
                    assertThat(promtool("check", "rules", prometheus.rulesFile().toString())).as("promtool check rules").isZero();
                    awaitTargetsUp(prometheus, targets.keySet());

                    List<String> panels = dashboardQueries();
                    assertThat(panels).as("dashboard queries").hasSizeGreaterThan(10);
                    awaitData(prometheus, panels, "dashboard panel");

                    List<String> rules = alertQueries(LocalMonitoring.alertRules(FAST_LAG_ALERT));
                    assertThat(rules).as("alert rules").hasSizeGreaterThan(5);
                    for (String rule : rules) query(prometheus, rule);
                    Set<String> read = new TreeSet<>();
                    for (String rule : rules) read.addAll(metricsIn(rule));
                    awaitData(prometheus, read.stream().map(m -> "count(" + m + ")").toList(), "metric an alert reads");

                    assertThat(firing(prometheus)).as("alerts firing while the job keeps up").doesNotContain("ConsumerLagGrowing");

                    String savepoint = flink.stopWithSavepoint(id, dir.resolve("savepoints").toUri().toString(), false, Duration.ofMinutes(2));
                    awaitAlert(prometheus, "ConsumerLagGrowing", true, Duration.ofMinutes(3));

                    JobID resumed = flink.submit(job, savepoint);
                    flink.awaitRunning(resumed, Duration.ofSeconds(120));
                    awaitAlert(prometheus, "ConsumerLagGrowing", false, Duration.ofMinutes(3));
                    assertThat(producer.isAlive()).as("the producer went on throughout").isTrue();
                }
            }
        }
    }

    /** Every {@code expr} of every panel (rows' panels included) of the chart's dashboard. */
    private static List<String> dashboardQueries() throws IOException {
        List<String> out = new ArrayList<>();
        collectExprs(JSON.readTree(Monitoring.file(Monitoring.DASHBOARD)).path("panels"), out);
        return out;
    }

    private static void collectExprs(JsonNode panels, List<String> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) out.add(target.get("expr").asText());
            }
            collectExprs(panel.path("panels"), out);
        }
    }

    private static List<String> alertQueries(String rules) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(rules).path("groups")) {
            for (JsonNode rule : group.path("rules")) out.add(rule.path("expr").asText());
        }
        return out;
    }

    private static Set<String> metricsIn(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private void awaitTargetsUp(PrometheusServer prometheus, Set<String> jobs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, String> health = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            health.clear();
            for (JsonNode t : get(prometheus, "/api/v1/targets").path("data").path("activeTargets")) {
                health.put(t.path("labels").path("job").asText(), t.path("health").asText() + " " + t.path("lastError").asText());
            }
            if (health.keySet().containsAll(jobs) && health.values().stream().allMatch(h -> h.startsWith("up"))) return;
            LocalFlinkCluster.pause(1000);
        }
        throw new AssertionError("scrape targets not all up within 90 s: " + health);
    }

    /** Waits until every query returns at least one series; fails naming those that never did. */
    private void awaitData(PrometheusServer prometheus, List<String> queries, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        List<String> empty = new ArrayList<>(queries);
        while (true) {
            List<String> still = new ArrayList<>();
            for (String q : empty) if (query(prometheus, q).isEmpty()) still.add(q);
            empty = still;
            if (empty.isEmpty()) return;
            if (System.nanoTime() > deadline) throw new AssertionError("no data within 150 s for each " + what + ": " + empty);
            LocalFlinkCluster.pause(2000);
        }
    }

    /** The instant query's result; fails when Prometheus refuses the expression. */
    private JsonNode query(PrometheusServer prometheus, String expr) throws Exception {
        JsonNode r = get(prometheus, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(r.path("status").asText()).as("Prometheus evaluates %s: %s", expr, r.path("error").asText()).isEqualTo("success");
        return r.path("data").path("result");
    }

    private Set<String> firing(PrometheusServer prometheus) throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode a : get(prometheus, "/api/v1/alerts").path("data").path("alerts")) {
            if (a.path("state").asText().equals("firing")) names.add(a.path("labels").path("alertname").asText());
        }
        return names;
    }

    private void awaitAlert(PrometheusServer prometheus, String alert, boolean fires, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (firing(prometheus).contains(alert) != fires) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(alert + (fires ? " did not fire" : " did not resolve") + " within " + timeout.toSeconds() + " s; lag: "
                        + query(prometheus, "sum by (consumergroup) (kafka_consumergroup_lag)"));
            }
            LocalFlinkCluster.pause(1000);
        }
    }

    private JsonNode get(PrometheusServer prometheus, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static int promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PrometheusServer.promtool().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        return p.exitValue();
    }
}
