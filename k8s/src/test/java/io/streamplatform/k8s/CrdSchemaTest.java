package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.CrdSchemas;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered Strimzi, Flink and Prometheus Operator resource (generator and chart) validates against the operators'
 * CRD schemas, made strict (unknown fields rejected); deliberately broken resources do not.
 */
class CrdSchemaTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamplatform.k8s.support.ValueSets#all")
    void generatorAndChartOutputMatchTheCrdSchemas(ValueSet set) {
        String generated = ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets())));
        String chart = Chart.template(set.files(), set.sets());
        for (String yaml : List.of(generated, chart)) {
            Map<String, Object> errors = new TreeMap<>();
            List<JsonNode> custom = Manifests.documents(yaml).stream().filter(CrdSchemas::hasCrd).toList();
            // Kafka, KafkaNodePool, a KafkaTopic per topic and a FlinkDeployment per enabled job; with monitoring, a
            // PodMonitor per enabled job, for the brokers, the Kafka exporter and each app, and the PrometheusRule; with
            // security, a KafkaUser per enabled job and app
            var values = ValuesLoader.load(set.files(), set.sets());
            long jobs = values.jobs().values().stream().filter(j -> j.enabled()).count();
            long topics = values.jobs().values().stream().filter(j -> j.enabled()).flatMap(j -> j.topics().values().stream())
                    .map(t -> t.name()).distinct().count();
            long apps = (values.producer().enabled() ? 1 : 0) + (values.consumer().enabled() ? 1 : 0);
            long monitoring = values.monitoring().enabled() ? jobs + 2 + apps + 1 : 0;
            long users = values.security().enabled() ? jobs + apps : 0;
            assertThat(custom).hasSize((int) (2 + topics + jobs + monitoring + users));
            assertThat(custom.stream().filter(o -> o.path("kind").asText().equals("KafkaUser")).count()).isEqualTo(users);
            for (JsonNode object : custom) {
                var found = CrdSchemas.validate(object);
                if (!found.isEmpty()) {
                    errors.put(Manifests.key(object), found);
                }
            }
            assertThat(errors).as("CRD schema violations").isEmpty();
        }
    }

    @Test
    void anUnknownFieldIsRejected() {
        ObjectNode flink = (ObjectNode) object("FlinkDeployment");
        ((ObjectNode) flink.path("spec").path("job")).put("parallelizm", 4);
        assertThat(CrdSchemas.validate(flink)).anyMatch(m -> m.contains("parallelizm"));

        ObjectNode kafka = (ObjectNode) object("Kafka");
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3); // v1beta2 only, not in v1
        assertThat(CrdSchemas.validate(kafka)).anyMatch(m -> m.contains("replicas"));
    }

    @Test
    void aWrongTypeOrValueIsRejected() {
        ObjectNode topic = (ObjectNode) object("KafkaTopic");
        ((ObjectNode) topic.path("spec")).put("partitions", "many");
        assertThat(CrdSchemas.validate(topic)).anyMatch(m -> m.contains("partitions"));

        ObjectNode pool = (ObjectNode) object("KafkaNodePool");
        pool.with("spec").putArray("roles").add("zookeeper");
        assertThat(CrdSchemas.validate(pool)).anyMatch(m -> m.contains("roles"));

        ObjectNode flink = (ObjectNode) object("FlinkDeployment");
        ((ObjectNode) flink.path("spec").path("job")).put("upgradeMode", "sometimes");
        assertThat(CrdSchemas.validate(flink)).anyMatch(m -> m.contains("upgradeMode"));
    }

    @Test
    void aKafkaUserIsCheckedAgainstStrimzisSchema() {
        ObjectNode user = (ObjectNode) object("KafkaUser");
        assertThat(CrdSchemas.validate(user)).isEmpty();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0).path("resource")).put("type", "table");
        assertThat(CrdSchemas.validate(user)).anyMatch(m -> m.contains("type"));

        user = (ObjectNode) object("KafkaUser");
        ((ArrayNode) user.path("spec").path("authorization").path("acls").get(0).path("operations")).add("ReadWrite");
        assertThat(CrdSchemas.validate(user)).anyMatch(m -> m.contains("operations"));

        user = (ObjectNode) object("KafkaUser");
        ((ObjectNode) user.path("spec").path("authentication")).put("type", "scram-sha-256");
        assertThat(CrdSchemas.validate(user)).anyMatch(m -> m.contains("type"));

        user = (ObjectNode) object("KafkaUser");
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0)).put("operation", "Read").put("hosts", "*");
        assertThat(CrdSchemas.validate(user)).anyMatch(m -> m.contains("hosts"));
    }

    @Test
    void theMonitoringResourcesAreCheckedAgainstThePrometheusOperatorsSchemas() {
        ObjectNode podMonitor = (ObjectNode) monitored("PodMonitor");
        assertThat(CrdSchemas.validate(podMonitor)).isEmpty();
        ((ObjectNode) podMonitor.path("spec").path("podMetricsEndpoints").get(0)).put("portName", "metrics");
        assertThat(CrdSchemas.validate(podMonitor)).anyMatch(m -> m.contains("portName"));

        podMonitor = (ObjectNode) monitored("PodMonitor");
        ((ObjectNode) podMonitor.path("spec").path("podMetricsEndpoints").get(0)).put("interval", "1min"); // not a Prometheus duration
        assertThat(CrdSchemas.validate(podMonitor)).anyMatch(m -> m.contains("interval"));

        podMonitor = (ObjectNode) monitored("PodMonitor");
        ((ObjectNode) podMonitor.path("spec")).remove("selector");
        assertThat(CrdSchemas.validate(podMonitor)).anyMatch(m -> m.contains("selector"));

        ObjectNode rule = (ObjectNode) monitored("PrometheusRule");
        assertThat(CrdSchemas.validate(rule)).isEmpty();
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0)).remove("expr");
        assertThat(CrdSchemas.validate(rule)).anyMatch(m -> m.contains("expr"));

        rule = (ObjectNode) monitored("PrometheusRule");
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0).path("labels")).put("severity", 3);
        assertThat(CrdSchemas.validate(rule)).anyMatch(m -> m.contains("severity"));

        rule = (ObjectNode) monitored("PrometheusRule");
        ((ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0)).put("fro", "5m");
        assertThat(CrdSchemas.validate(rule)).anyMatch(m -> m.contains("fro"));
    }

    @Test
    void theKafkasMetricsSettingsAreCheckedAgainstStrimzisSchema() {
        ObjectNode kafka = (ObjectNode) monitored("Kafka");
        assertThat(kafka.path("spec").path("kafka").path("metricsConfig").path("type").asText()).isEqualTo("jmxPrometheusExporter");
        assertThat(kafka.path("spec").has("kafkaExporter")).isTrue();
        assertThat(CrdSchemas.validate(kafka)).isEmpty();
        ((ObjectNode) kafka.path("spec").path("kafka").path("metricsConfig")).put("type", "jmxExporter");
        assertThat(CrdSchemas.validate(kafka)).anyMatch(m -> m.contains("type"));

        kafka = (ObjectNode) monitored("Kafka");
        ((ObjectNode) kafka.path("spec").path("kafkaExporter")).put("topicRegexp", ".*");
        assertThat(CrdSchemas.validate(kafka)).anyMatch(m -> m.contains("topicRegexp"));
    }

    private static JsonNode object(String kind) {
        return object(ValuesLoader.defaults(), kind);
    }

    private static JsonNode monitored(String kind) {
        return object(ValuesLoader.load(List.of(), List.of("monitoring.enabled=true")), kind);
    }

    private static JsonNode object(io.streamplatform.k8s.model.PlatformValues values, String kind) {
        String yaml = ManifestWriter.toYaml(PlatformGenerator.generate(values));
        return Manifests.documents(yaml).stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .findFirst().orElseThrow().deepCopy();
    }
}
