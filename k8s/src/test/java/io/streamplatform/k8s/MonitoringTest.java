package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.Monitoring;
import io.streamplatform.k8s.model.MonitoringValues;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.CliRun;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code monitoring} in both renderers: off, the output is the same as without it, to the byte; on, every component
 * exports its metrics on the contract's ports and is scraped by a PodMonitor, the dashboard and the alert rules are the
 * chart's files (the rules with the values' tunables, written as Helm writes them); the schema's tunables are the rules
 * file's and bad ones are refused by both renderers.
 */
class MonitoringTest {

    // ---- off ----------------------------------------------------------------------------------------------------

    /** Monitoring off, but every other monitoring value changed: both renderers' output is that of the defaults. */
    @Test
    void offItRendersExactlyWhatTheDefaultsRender() {
        List<String> offButChanged = List.of("monitoring.enabled=false", "monitoring.labels.release=prometheus",
                "monitoring.dashboardLabels.grafana_dashboard=streaming", "monitoring.alerts.lagMinRecords=7",
                "monitoring.alerts.lagGrowingFor=1h", "monitoring.alerts.deadLetterRatio=1");
        assertThat(generator(List.of(), offButChanged)).isEqualTo(generator(List.of(), List.of()));
        assertThat(Chart.template(List.of(), offButChanged)).isEqualTo(Chart.template(List.of(), List.of()));
    }

    /** Off (the default), nothing of it is rendered: no monitoring object, setting, port or argument. */
    @Test
    void offThereIsNoTraceOfIt() {
        for (ValueSet set : List.of(ValueSets.all().get(0), ValueSets.s3OnAws(), ValueSets.everyOption(
                io.streamplatform.k8s.model.JobCatalogue.installed()))) {
            for (Map.Entry<String, String> rendered : renderings(set).entrySet()) {
                String as = set + " (" + rendered.getKey() + ")";
                assertThat(Manifests.documents(rendered.getValue())).as(as)
                        .noneMatch(o -> List.of("PodMonitor", "PrometheusRule").contains(o.path("kind").asText()))
                        // The one ConfigMap left is the Kafka client settings of security.
                        .noneMatch(o -> o.path("kind").asText().equals("ConfigMap") && !o.path("metadata").path("name").asText().endsWith("-kafka-client"));
                assertThat(rendered.getValue()).as(as).doesNotContain(Monitoring.FLINK_REPORTER, "metricsConfig", "kafkaExporter",
                        "--metrics-port", "--metrics-host", "containerPort");
            }
        }
    }

    // ---- on -----------------------------------------------------------------------------------------------------

    @Test
    void everyFlinkDeploymentRunsTheReporterOnItsMetricsPort() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringFromAFile()).entrySet()) {
            List<JsonNode> deployments = ofKind(rendered.getValue(), "FlinkDeployment");
            assertThat(deployments).as(rendered.getKey()).hasSize(2);
            for (JsonNode d : deployments) {
                String as = rendered.getKey() + " " + Manifests.key(d);
                JsonNode conf = d.path("spec").path("flinkConfiguration");
                assertThat(conf.path(Monitoring.FLINK_REPORTER + "factory.class").asText()).as(as).isEqualTo(Monitoring.FLINK_REPORTER_FACTORY);
                assertThat(conf.path(Monitoring.FLINK_REPORTER + "port").asText()).as(as).isEqualTo(Integer.toString(Monitoring.FLINK_METRICS_PORT));
                JsonNode main = d.path("spec").path("podTemplate").path("spec").path("containers").get(0);
                assertThat(main.path("name").asText()).isEqualTo("flink-main-container");
                assertThat(ports(main)).as(as).containsExactly(Map.entry("metrics", Monitoring.FLINK_METRICS_PORT));
                assertThat(main.has("volumeMounts")).as(as + ": the state volume is still mounted").isTrue();
            }
        }
        // In the S3 branch of the pod template too.
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringBySet()).entrySet()) {
            JsonNode main = ofKind(rendered.getValue(), "FlinkDeployment").get(0).path("spec").path("podTemplate").path("spec")
                    .path("containers").get(0);
            assertThat(ports(main)).as(rendered.getKey()).containsExactly(Map.entry("metrics", Monitoring.FLINK_METRICS_PORT));
            assertThat(main.path("env")).as(rendered.getKey()).filteredOn(e -> e.path("name").asText().startsWith("AWS_")).hasSize(2);
        }
    }

    @Test
    void kafkaExportsItsMetricsWithTheChartsRulesAndTheConsumerGroupLag() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringDefaults()).entrySet()) {
            String as = rendered.getKey();
            JsonNode kafka = ofKind(rendered.getValue(), "Kafka").get(0);
            JsonNode metrics = kafka.path("spec").path("kafka").path("metricsConfig");
            assertThat(metrics.path("type").asText()).as(as).isEqualTo("jmxPrometheusExporter");
            JsonNode ref = metrics.path("valueFrom").path("configMapKeyRef");
            JsonNode configMap = named(rendered.getValue(), "ConfigMap", ref.path("name").asText());
            assertThat(configMap.path("data").path(ref.path("key").asText()).asText()).as(as)
                    .isEqualTo(Monitoring.file(Monitoring.KAFKA_METRICS));
            assertThat(kafka.path("spec").path("kafkaExporter").isObject()).as(as + ": kafkaExporter").isTrue();
        }
    }

    @Test
    void theAppsServeTheirMetricsOnEveryInterfaceOfTheirPod() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringDefaults()).entrySet()) {
            for (String app : List.of("producer", "consumer")) {
                String as = rendered.getKey() + " " + app;
                JsonNode container = named(rendered.getValue(), "Deployment", "streaming-" + app).path("spec").path("template")
                        .path("spec").path("containers").get(0);
                List<String> args = new ArrayList<>();
                container.path("args").forEach(a -> args.add(a.asText()));
                assertThat(String.join(" ", args)).as(as)
                        .endsWith(" --metrics-port " + Monitoring.APP_METRICS_PORT + " --metrics-host 0.0.0.0");
                assertThat(ports(container)).as(as).containsExactly(Map.entry("metrics", Monitoring.APP_METRICS_PORT));
            }
        }
    }

    /** A PodMonitor for each job's Flink pods, the brokers, the Kafka exporter and each app, carrying the extra labels. */
    @Test
    void podMonitorsSelectEveryComponentsPodsByTheirMetricsPort() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringFromAFile()).entrySet()) {
            String as = rendered.getKey();
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("streaming-job", "app=streaming-job,type=flink-native-kubernetes metrics");
            expected.put("streaming-logs", "app=streaming-logs,type=flink-native-kubernetes metrics");
            expected.put("streaming-kafka", "strimzi.io/cluster=streaming,strimzi.io/name=streaming-kafka tcp-prometheus");
            expected.put("streaming-kafka-exporter", "strimzi.io/cluster=streaming,strimzi.io/name=streaming-kafka-exporter tcp-prometheus");
            expected.put("streaming-producer", "app.kubernetes.io/component=producer,app.kubernetes.io/instance=streaming,"
                    + "app.kubernetes.io/name=streaming-platform metrics");
            expected.put("streaming-consumer", "app.kubernetes.io/component=consumer,app.kubernetes.io/instance=streaming,"
                    + "app.kubernetes.io/name=streaming-platform metrics");
            Map<String, String> found = new LinkedHashMap<>();
            for (JsonNode monitor : ofKind(rendered.getValue(), "PodMonitor")) {
                TreeSet<String> selector = new TreeSet<>();
                monitor.path("spec").path("selector").path("matchLabels").fields()
                        .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
                JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
                assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
                found.put(monitor.path("metadata").path("name").asText(), String.join(",", selector) + " " + endpoint.path("port").asText());
                assertThat(monitor.path("metadata").path("labels").path("release").asText()).as(as).isEqualTo("prometheus");
                assertThat(monitor.path("metadata").path("labels").path("team").asText()).as(as).isEqualTo("data");
            }
            assertThat(found).as(as).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void theDashboardIsTheChartsFileLabelledForGrafanasSidecar() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.monitoringFromAFile()).entrySet()) {
            JsonNode dashboard = named(rendered.getValue(), "ConfigMap", "streaming-dashboard");
            assertThat(dashboard.path("data").path("streaming-platform.json").asText()).isEqualTo(Monitoring.file(Monitoring.DASHBOARD));
            JsonNode labels = dashboard.path("metadata").path("labels");
            assertThat(labels.path("grafana_dashboard").asText()).as(rendered.getKey()).isEqualTo("1");
            assertThat(labels.path("grafana_folder").asText()).as(rendered.getKey()).isEqualTo("streaming");
            assertThat(labels.path("app.kubernetes.io/component").asText()).as(rendered.getKey()).isEqualTo("monitoring");
        }
    }

    /**
     * The PrometheusRule's spec is the rules file with the tunables filled in: from a values file, numbers as Helm's
     * float64 (2.5e+06, 1e-05); from --set, whole numbers as its int64 (5000000).
     */
    @Test
    void theAlertRulesCarryTheValuesTunablesAsHelmWritesThem() throws Exception {
        Map<ValueSet, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put(ValueSets.monitoringDefaults(), Map.of("ConsumerLagGrowing", "> 1000|5m", "CheckpointsTooOld", "[10m]) == 0|",
                "JobRestarting", "[10m]) > 2|", "DeadLetterRateHigh", "> 0.05|5m", "NoOutputWhileInputArrives", "|10m"));
        cases.put(ValueSets.monitoringFromAFile(), Map.of("ConsumerLagGrowing", "> 2.5e+06|15m", "CheckpointsFailing", "[1h]) > 0|",
                "JobRestarting", "[10m]) > 5|", "DeadLetterRateHigh", "> 1e-05|5m", "NoOutputWhileInputArrives", "|90s"));
        cases.put(ValueSets.monitoringBySet(), Map.of("ConsumerLagGrowing", "> 5000000|2m", "JobRestarting", "[10m]) > 0|",
                "DeadLetterRateHigh", "> 1|5m"));
        for (Map.Entry<ValueSet, Map<String, String>> c : cases.entrySet()) {
            for (Map.Entry<String, String> rendered : renderings(c.getKey()).entrySet()) {
                String as = c.getKey() + " (" + rendered.getKey() + ")";
                JsonNode spec = ofKind(rendered.getValue(), "PrometheusRule").get(0).path("spec");
                Map<String, JsonNode> rules = new LinkedHashMap<>();
                spec.path("groups").forEach(g -> g.path("rules").forEach(r -> rules.put(r.path("alert").asText(), r)));
                assertThat(rules.keySet()).as(as).contains("ConsumerLagGrowing", "CheckpointsFailing", "CheckpointsTooOld",
                        "JobRestarting", "DeadLetterRateHigh", "NoOutputWhileInputArrives");
                c.getValue().forEach((alert, exprAndFor) -> {
                    String[] parts = exprAndFor.split("\\|", -1);
                    // The threshold or window as a whole token: "> 1" must not pass for "> 1000".
                    assertThat(rules.get(alert).path("expr").asText()).as(as + " " + alert)
                            .matches("(?s).*" + java.util.regex.Pattern.quote(parts[0]) + "(\\s.*|\\).*|$)");
                    assertThat(rules.get(alert).path("for").asText()).as(as + " " + alert + " for").isEqualTo(parts[1]);
                });
                assertThat(spec.toString()).as(as).doesNotContain("{{", ".Values");
            }
        }
    }

    // ---- values -------------------------------------------------------------------------------------------------

    /** The schema's tunables are exactly the rules file's, all required, each described; values.yaml sets each one. */
    @Test
    void theSchemasAlertTunablesAreTheRulesFiles() throws Exception {
        JsonNode schema = Manifests.JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
        JsonNode alerts = schema.path("properties").path("monitoring").path("properties").path("alerts");
        assertThat(fieldNames(alerts.path("properties"))).isEqualTo(Monitoring.alertTunables());
        Set<String> required = new LinkedHashSet<>();
        alerts.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required).isEqualTo(Monitoring.alertTunables());
        assertThat(alerts.path("additionalProperties").asBoolean(true)).isFalse();
        alerts.path("properties").fields().forEachRemaining(e -> {
            assertThat(e.getValue().path("description").asText()).as(e.getKey()).isNotBlank();
            if (e.getKey().endsWith("For") || e.getKey().endsWith("Age")) {
                assertThat(e.getValue().path("type").asText()).as(e.getKey()).isEqualTo("string");
                assertThat(e.getValue().path("pattern").asText()).as(e.getKey()).isEqualTo(MonitoringValues.DURATION_PATTERN);
            }
        });
        JsonNode values = Manifests.YAML.readTree(Chart.DIR.resolve("values.yaml").toFile());
        assertThat(fieldNames(values.path("monitoring").path("alerts"))).isEqualTo(Monitoring.alertTunables());
        assertThat(values.path("monitoring").path("enabled").asBoolean(true)).as("off by default").isFalse();
    }

    /** A bad tunable or label is a one-line error naming the key in the Java renderer, and Helm refuses it too. */
    @Test
    void badMonitoringValuesAreRefusedByBothRenderers() {
        Path file = ValueSets.write("bad-monitoring.yaml", "monitoring:\n  alerts:\n    lagGrowingFor: 5\n");
        String duration = "a Prometheus duration: a whole number above 0 and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h";
        assertOneLineError(CliRun.run("render", "-f", file.toString()),
                "error: wrong type for key 'monitoring.alerts.lagGrowingFor': expected a string, " + duration);
        assertThatThrownBy(() -> Chart.template(List.of(file), List.of()))
                .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining("lagGrowingFor");

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("monitoring.alerts.lagGrowingFor=5", "error: wrong type for key 'monitoring.alerts.lagGrowingFor': expected a string, " + duration);
        bad.put("monitoring.alerts.noOutputFor=10min", "error: monitoring.alerts.noOutputFor must be " + duration + ", got '10min'");
        bad.put("monitoring.alerts.checkpointMaxAge=0s", "error: monitoring.alerts.checkpointMaxAge must be " + duration + ", got '0s'");
        bad.put("monitoring.alerts.deadLetterRatio=2", "error: monitoring.alerts.deadLetterRatio must be at most 1, got 2");
        bad.put("monitoring.alerts.restartsPer10m=-1", "error: monitoring.alerts.restartsPer10m must be at least 0, got -1");
        bad.put("monitoring.alerts.lagMinRecords=many", "error: wrong type for key 'monitoring.alerts.lagMinRecords': expected an integer");
        bad.put("monitoring.alerts.lagMin=5", "error: unknown key 'monitoring.alerts.lagMin' in values");
        bad.put("monitoring.labels.release=1", "error: wrong type for key 'monitoring.labels.release': expected a string");
        bad.put("monitoring.enabled=yes", "error: wrong type for key 'monitoring.enabled': expected a boolean");
        bad.forEach((set, message) -> {
            assertOneLineError(CliRun.run("render", "--set", "monitoring.enabled=true", "--set", set), message);
            String key = set.substring(set.lastIndexOf('.') + 1, set.indexOf('='));
            assertThatThrownBy(() -> Chart.template(List.of(), List.of("monitoring.enabled=true", set))).as(set)
                    .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(key);
        });
    }

    // ---- the dashboard ------------------------------------------------------------------------------------------

    /** The metric families of the platform's contract the dashboard may read, besides the brokers' (see below). */
    static final Set<String> KNOWN_FAMILIES = Set.of(
            "flink_taskmanager_job_task_operator_platform_input_records_read",
            "flink_taskmanager_job_task_operator_platform_output_records_written",
            "flink_taskmanager_job_task_operator_platform_reason_dead_letters",
            "flink_taskmanager_job_task_operator_platform_late_records",
            "flink_taskmanager_job_task_operator_platform_output_latency_ms",
            "flink_taskmanager_job_task_operator_platform_output_watermark_lag_ms",
            "flink_jobmanager_job_numRestarts", "flink_jobmanager_job_uptime",
            "flink_jobmanager_job_numberOfCompletedCheckpoints", "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_taskmanager_job_task_backPressuredTimeMsPerSecond", "flink_taskmanager_job_task_busyTimeMsPerSecond",
            "platform_producer_records_total", "platform_consumer_records_total", "platform_consumer_verified",
            "kafka_producer_record_send_total", "kafka_producer_record_error_total", "kafka_producer_record_retry_total",
            "kafka_producer_request_latency_avg",
            "kafka_consumergroup_lag");

    /**
     * The dashboard is a Grafana dashboard whose one template variable is its Prometheus data source, and whose every
     * panel queries that source with expressions over known metric families only, with no template variable in them (so
     * each runs against Prometheus as it is).
     */
    @Test
    void theDashboardQueriesOnlyKnownMetricsThroughItsDataSource() throws Exception {
        JsonNode dashboard = Manifests.JSON.readTree(Monitoring.file(Monitoring.DASHBOARD));
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        JsonNode variables = dashboard.path("templating").path("list");
        assertThat(variables).hasSize(1);
        assertThat(variables.get(0).path("type").asText()).isEqualTo("datasource");
        assertThat(variables.get(0).path("name").asText()).isEqualTo("datasource");
        assertThat(variables.get(0).path("query").asText()).isEqualTo("prometheus");

        Set<String> known = new TreeSet<>(KNOWN_FAMILIES);
        known.addAll(brokerFamilies());
        Set<Integer> ids = new LinkedHashSet<>();
        List<String> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("panel id of " + title + " is unique").isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).as(title).isPositive();
            if (panel.path("type").asText().equals("row")) {
                rows.add(title);
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title + " has queries").isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                queries++;
                if (expr.contains("$")) problems.add(title + ": a template variable in " + expr);
                if (expr.contains("[") && !expr.contains("[1m]")) problems.add(title + ": a window other than [1m] in " + expr);
                Set<String> metrics = PromQl.metricNames(expr);
                if (metrics.isEmpty()) problems.add(title + ": no metric in " + expr);
                metrics.stream().filter(m -> !known.contains(m)).forEach(m -> problems.add(title + ": unknown metric " + m));
            }
        }
        assertThat(rows).containsExactly("Flink jobs", "Kafka", "Producer and consumer");
        assertThat(queries).isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    /** The names the brokers' JMX exporter rules produce (lower-cased, each alternative of a captured group spelled out). */
    static Set<String> brokerFamilies() throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode rule : Manifests.YAML.readTree(Monitoring.file(Monitoring.KAFKA_METRICS)).path("rules")) {
            String name = rule.path("name").asText();
            java.util.regex.Matcher group = java.util.regex.Pattern.compile("\\(([A-Za-z|]+)\\)").matcher(rule.path("pattern").asText());
            if (name.contains("$1") && group.find()) {
                for (String alternative : group.group(1).split("\\|")) names.add(name.replace("$1", alternative).toLowerCase());
            } else {
                names.add(name.toLowerCase());
            }
        }
        return names;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String generator(List<Path> files, List<String> sets) {
        return ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(files, sets)));
    }

    /** Both renderings of a value set, by renderer. */
    private static Map<String, String> renderings(ValueSet set) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("helm", Chart.template(set.files(), set.sets()));
        out.put("generator", generator(set.files(), set.sets()));
        return out;
    }

    private static List<JsonNode> ofKind(String yaml, String kind) {
        return Manifests.documents(yaml).stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode named(String yaml, String kind, String name) {
        return ofKind(yaml, kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Integer> ports(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertThat(run.exitCode()).as("exit code of %s", expected).isEqualTo(1);
        assertThat(run.err().strip().lines()).as("stderr is one line: %s", run.err()).hasSize(1);
        assertThat(run.err().strip()).isEqualTo(expected);
    }

    /** Just enough PromQL reading to find the metric names of an expression. */
    static final class PromQl {
        private static final Set<String> WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
                "and", "or", "unless", "offset", "inf", "nan");

        /** Identifiers that are neither functions or aggregations (followed by "("), keywords, labels nor strings. */
        static Set<String> metricNames(String expr) {
            String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")       // string literals
                    .replaceAll("\\{[^}]*}", " ")                                // label matchers
                    .replaceAll("\\[[^]]*]", " ")                                // range windows
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
            Set<String> names = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*").matcher(s);
            while (m.find()) {
                String word = m.group();
                int next = m.end();
                while (next < s.length() && Character.isWhitespace(s.charAt(next))) next++;
                boolean call = next < s.length() && s.charAt(next) == '(';
                boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
                if (!call && !number && !WORDS.contains(word.toLowerCase())) names.add(word);
            }
            return names;
        }
    }

    @Test
    void promQlReadingFindsTheMetricsAndNothingElse() {
        assertThat(PromQl.metricNames("sum by (job_name, output) (rate(a_b_total{output!=\"dlq\", x=~\"y\"}[1m])) / on (job) group_left c_d > 1e-05"))
                .containsExactly("a_b_total", "c_d");
        assertThat(PromQl.metricNames("max(kafka_controller_kafkacontroller_offlinepartitionscount) > 0 and bool x"))
                .containsExactly("kafka_controller_kafkacontroller_offlinepartitionscount", "x");
        assertThat(Files.exists(Chart.DIR.resolve("files").resolve(Monitoring.DASHBOARD))).isTrue();
    }
}
