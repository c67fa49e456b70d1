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
 * generated at build time by Strimzi's crd-generator from io.strimzi:api (into target/crds, see k8s/pom.xml).
 * Every object schema that lists its properties but says nothing about others gets
 * {@code additionalProperties: false} (except {@code metadata}, which the CRDs leave to the API server), so unknown
 * fields are errors, as they would be for a server doing strict field validation.
 */
public final class CrdSchemas {
    public static final Path STRIMZI_CRDS = Path.of(System.getProperty("crd.dir", "target/crds"));
    public static final String FLINK_CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private CrdSchemas() {
    }

    /** The four CRDs (Kafka, KafkaNodePool, KafkaTopic, FlinkDeployment), read once; callers must not change them. */
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
                        Manifests.YAML.readTree(flink));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CRDs (were the Strimzi CRDs generated into "
                        + STRIMZI_CRDS.toAbsolutePath() + "?): " + e.getMessage(), e);
            }
        }
    }

    /** Whether this object is a Strimzi or Flink custom resource (the ones with a CRD to check). */
    public static boolean hasCrd(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        return apiVersion.startsWith("kafka.strimzi.io/") || apiVersion.startsWith("flink.apache.org/");
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
