package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.Labels;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart (rendered by the real Helm engine, in-process) and the Java generator produce the same objects:
 * same set of apiVersion/kind/namespace/name, and equal trees for each (numbers compared by value), but for the two
 * labels that name the tool: Helm's {@code helm.sh/chart} and {@code app.kubernetes.io/managed-by: Helm}, the
 * generator's {@code app.kubernetes.io/managed-by: streaming-platform-k8s}.
 */
class ChartParityTest {
    static final List<String> TOOL_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/managed-by");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamplatform.k8s.support.ValueSets#all")
    void chartAndGeneratorRenderTheSameObjects(ValueSet set) {
        Map<String, JsonNode> helm = Manifests.byKey(Chart.template(set.files(), set.sets()));
        Map<String, JsonNode> java = Manifests.byKey(ManifestWriter.toYaml(
                PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));
        assertSameObjects(helm, java);
    }

    @org.junit.jupiter.api.Test
    void theProducerOfAJobWithTwoInputsNamesBothTopicsInBothRenderers() {
        ValueSet set = io.streamplatform.k8s.support.ValueSets.recommendationsProducer();
        Map<String, JsonNode> helm = Manifests.byKey(Chart.template(set.files(), set.sets()));
        Map<String, JsonNode> java = Manifests.byKey(ManifestWriter.toYaml(
                PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));
        for (Map<String, JsonNode> rendered : List.of(helm, java)) {
            JsonNode producer = rendered.values().stream()
                    .filter(d -> d.path("kind").asText().equals("Deployment") && d.path("metadata").path("name").asText().endsWith("-producer"))
                    .findFirst().orElseThrow();
            List<String> args = new java.util.ArrayList<>();
            producer.path("spec").path("template").path("spec").path("containers").get(0).path("args").forEach(a -> args.add(a.asText()));
            assertThat(String.join(" ", args)).contains("--job recommendations", "--topic video-watches", "--role-topic videos=my-catalogue");
        }
    }

    /** Same objects in both renderings, each carrying its tool's labels, equal once those are set aside. */
    static void assertSameObjects(Map<String, JsonNode> helm, Map<String, JsonNode> java) {
        assertThat(helm.keySet()).as("objects rendered by helm vs the generator").isEqualTo(java.keySet());
        List<String> differences = new ArrayList<>();
        helm.forEach((key, tree) -> {
            assertThat(tree.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).as(key).isEqualTo("Helm");
            assertThat(tree.path("metadata").path("labels").path("helm.sh/chart").asText()).as(key).startsWith("streaming-platform-");
            assertThat(java.get(key).path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).as(key)
                    .isEqualTo(Labels.MANAGED_BY);
            Manifests.diff(withoutToolLabels(tree), withoutToolLabels(java.get(key))).forEach(d -> differences.add(key + d));
        });
        assertThat(differences).as("fields that differ (helm <> generator)").isEmpty();
    }

    /** A copy without the tool labels, wherever labels appear (object metadata, pod templates). */
    static JsonNode withoutToolLabels(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("labels") instanceof ObjectNode labels) labels.remove(TOOL_LABELS);
            object.forEach(ChartParityTest::strip);
        } else if (node != null && node.isArray()) {
            node.forEach(ChartParityTest::strip);
        }
    }
}
