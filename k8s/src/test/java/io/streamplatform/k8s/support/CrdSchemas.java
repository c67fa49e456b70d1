package io.streamplatform.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The operators' own CRD schemas, made strict: Flink's CRD from the flink-kubernetes-operator-api jar, Strimzi's
 * generated at build time by Strimzi's crd-generator from io.strimzi:api (into target/crds, see k8s/pom.xml), the
 * Prometheus Operator's PodMonitor and PrometheusRule from the npm package @kubernetes-models/prometheus-operator,
 * fetched at build time (into target/prometheus-operator-models, see k8s/pom.xml), whose models carry the v0.57.0 CRDs'
 * schemas as JSON. Every object schema that lists its properties but says nothing about others gets
 * {@code additionalProperties: false} (except {@code metadata}, which the CRDs leave to the API server), so unknown
 * fields are errors, as they would be for a server doing strict field validation.
 */
public final class CrdSchemas {
    public static final Path STRIMZI_CRDS = Path.of(System.getProperty("crd.dir", "target/crds"));
    public static final String FLINK_CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    public static final Path PROMETHEUS_OPERATOR_MODELS = Path.of(System.getProperty("prometheus-operator-models.dir",
            "target/prometheus-operator-models"), "package");
    /** The Prometheus Operator release whose CRDs the models were generated from. */
    public static final String PROMETHEUS_OPERATOR_VERSION = "v0.57.0";

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private CrdSchemas() {
    }

    /**
     * The seven CRDs (Kafka, KafkaNodePool, KafkaTopic, KafkaUser, FlinkDeployment, PodMonitor, PrometheusRule), read once; callers
     * must not change them.
     */
    public static List<JsonNode> all() {
        return Loaded.CRDS;
    }

    private static final class Loaded {
        static final List<JsonNode> CRDS = read();

        private static List<JsonNode> read() {
            try (InputStream flink = CrdSchemas.class.getResourceAsStream(FLINK_CRD)) {
                return List.of(
                        Manifests.YAML.readTree(STRIMZI_CRDS.resolve("kafkas.kafka.strimzi.io.yaml").toFile()),
                        Manifests.YAML.readTree(STRIMZI_CRDS.resolve("kafkanodepools.kafka.strimzi.io.yaml").toFile()),
                        Manifests.YAML.readTree(STRIMZI_CRDS.resolve("kafkatopics.kafka.strimzi.io.yaml").toFile()),
                        Manifests.YAML.readTree(STRIMZI_CRDS.resolve("kafkausers.kafka.strimzi.io.yaml").toFile()),
                        Manifests.YAML.readTree(flink),
                        prometheusOperatorCrd("PodMonitor"),
                        prometheusOperatorCrd("PrometheusRule"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CRDs (were the Strimzi CRDs generated into "
                        + STRIMZI_CRDS.toAbsolutePath() + " and the Prometheus Operator models unpacked into "
                        + PROMETHEUS_OPERATOR_MODELS.toAbsolutePath() + "?): " + e.getMessage(), e);
            }
        }

        /**
         * A CRD with the one version v1 whose schema is the model's: the JSON object the model's module assigns to
         * {@code const schema} (it validates with it). The package turns the CRD's schema into plain JSON schema:
         * apiVersion and kind as enums, metadata as a reference to its own ObjectMeta (here: an object, as the CRDs
         * leave it), optional fields also {@code nullable} (a keyword draft 4 ignores).
         */
        private static JsonNode prometheusOperatorCrd(String kind) throws IOException {
            JsonNode pkg = Manifests.JSON.readTree(PROMETHEUS_OPERATOR_MODELS.resolve("package.json").toFile());
            if (!pkg.path("crd-generate").path("input").toString().contains("/" + PROMETHEUS_OPERATOR_VERSION + "/")) {
                throw new AssertionError("the Prometheus Operator models are not generated from its " + PROMETHEUS_OPERATOR_VERSION + " CRDs: "
                        + pkg.path("crd-generate"));
            }
            String module = java.nio.file.Files.readString(PROMETHEUS_OPERATOR_MODELS.resolve("monitoring.coreos.com/v1/" + kind + ".js"));
            int start = module.indexOf("const schema = {");
            int end = module.indexOf("\n};\n", start);
            if (start < 0 || end < 0) throw new AssertionError("no schema literal in the " + kind + " model");
            ObjectNode schema = (ObjectNode) Manifests.JSON.readTree(module.substring(module.indexOf('{', start), end + 2));
            schema.with("properties").set("metadata", Manifests.JSON.createObjectNode().put("type", "object"));
            String plural = kind.toLowerCase(java.util.Locale.ROOT) + "s";
            ObjectNode crd = Manifests.JSON.createObjectNode().put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
            crd.putObject("metadata").put("name", plural + ".monitoring.coreos.com");
            ObjectNode spec = crd.putObject("spec").put("group", "monitoring.coreos.com").put("scope", "Namespaced");
            spec.putObject("names").put("kind", kind).put("listKind", kind + "List").put("plural", plural)
                    .put("singular", kind.toLowerCase(java.util.Locale.ROOT));
            spec.putArray("versions").addObject().put("name", "v1").put("served", true).put("storage", true)
                    .putObject("schema").set("openAPIV3Schema", schema);
            return crd;
        }
    }

    /** Whether this object is a Strimzi, Flink or Prometheus Operator custom resource (the ones with a CRD to check). */
    public static boolean hasCrd(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return apiVersion.startsWith("kafka.strimzi.io/") || apiVersion.startsWith("flink.apache.org/")
                || apiVersion.startsWith("monitoring.coreos.com/");
    }

    /** Validation errors of one custom resource against its CRD version's schema (empty when valid). */
    public static Set<String> validate(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        JsonSchema schema = CACHE.computeIfAbsent(apiVersion + "/" + kind, k -> load(apiVersion, kind));
        return schema.validate(object).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema load(String apiVersion, String kind) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        JsonNode crd = crd(group, kind);
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                ObjectNode schema = (ObjectNode) v.path("schema").path("openAPIV3Schema").deepCopy();
                // Every object has these; Flink's CRD leaves them out of its schema (the API server adds them).
                ObjectNode properties = schema.with("properties");
                properties.putIfAbsent("apiVersion", Manifests.YAML.createObjectNode().put("type", "string"));
                properties.putIfAbsent("kind", Manifests.YAML.createObjectNode().put("type", "string"));
                properties.putIfAbsent("metadata", Manifests.YAML.createObjectNode().put("type", "object"));
                strict(schema, false);
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
            }
        }
        throw new AssertionError("CRD for " + kind + " has no version " + version);
    }

    private static JsonNode crd(String group, String kind) {
        for (JsonNode crd : all()) {
            JsonNode spec = crd.path("spec");
            if (spec.path("group").asText().equals(group) && spec.path("names").path("kind").asText().equals(kind)) {
                return crd;
            }
        }
        throw new AssertionError("no CRD for " + group + " " + kind);
    }

    /** Adds additionalProperties: false to every object schema with properties and no additionalProperties. */
    static void strict(JsonNode node, boolean isMetadata) {
        if (node instanceof ObjectNode obj) {
            if (!isMetadata && obj.has("properties") && !obj.has("additionalProperties")
                    && !obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                obj.put("additionalProperties", false);
            }
            obj.fields().forEachRemaining(e -> {
                if (e.getKey().equals("properties")) {
                    e.getValue().fields().forEachRemaining(p -> strict(p.getValue(), p.getKey().equals("metadata")));
                } else {
                    strict(e.getValue(), false);
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(child -> strict(child, false));
        }
    }
}
