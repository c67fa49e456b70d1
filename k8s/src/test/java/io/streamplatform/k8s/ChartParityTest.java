package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.k8s.model.ValuesLoader;
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
 * same set of apiVersion/kind/namespace/name, and equal trees for each (numbers compared by value).
 */
class ChartParityTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.streamplatform.k8s.support.ValueSets#all")
    void chartAndGeneratorRenderTheSameObjects(ValueSet set) {
        Map<String, JsonNode> helm = Manifests.byKey(Chart.template(set.files(), set.sets()));
        Map<String, JsonNode> java = Manifests.byKey(ManifestWriter.toYaml(
                PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));

        assertThat(helm.keySet()).as("objects rendered by helm vs the generator").isEqualTo(java.keySet());
        List<String> differences = new ArrayList<>();
        helm.forEach((key, tree) -> Manifests.diff(tree, java.get(key)).forEach(d -> differences.add(key + d)));
        assertThat(differences).as("fields that differ (helm <> generator)").isEmpty();
    }
}
