package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.mergepatch.JsonMergePatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.streamplatform.k8s.cluster.Scaler;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.CliRun;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.MockCluster;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented way of rescaling the job changes {@code spec.job.parallelism} of the FlinkDeployment and nothing
 * else, in that object or any other:
 * <ul>
 *   <li>{@code k8s.jar scale --job events --parallelism N} (against the fabric8 mock API server: no real API server can be had on
 *       the build machine);</li>
 *   <li>{@code helm upgrade --set jobs.events.parallelism=N}, i.e. the chart rendered with that override;</li>
 *   <li>{@code k8s.jar render --set jobs.events.parallelism=N};</li>
 *   <li>{@code kubectl patch --type=merge -p '{"spec":{"job":{"parallelism":N}}}'}: run as
 *       {@code kubectl patch --local -f <file> -o yaml} when kubectl is on the PATH; where it is not (CI machines need
 *       not have it) the test applies the same JSON merge patch (RFC 7386, what {@code --type=merge} does) with a
 *       merge-patch library instead, and says so in its assertion description.</li>
 * </ul>
 */
@EnableKubernetesMockClient(crud = true)
class ParallelismRoutesTest {
    static final int NEW_PARALLELISM = 5;
    static final String FLINK_KEY = "flink.apache.org/v1beta1/FlinkDeployment/streaming/streaming-job";
    static final List<String> ONLY_PARALLELISM = List.of(FLINK_KEY + "/spec/job/parallelism: 2 <> " + NEW_PARALLELISM);

    KubernetesClient client;

    @Test
    void helmSetChangesOnlyTheParallelism() {
        Map<String, JsonNode> before = Manifests.byKey(Chart.template(List.of(), List.of()));
        Map<String, JsonNode> after = Manifests.byKey(Chart.template(List.of(), List.of("jobs.events.parallelism=" + NEW_PARALLELISM)));
        assertThat(differences(before, after)).as("helm template --set jobs.events.parallelism=5 vs defaults")
                .isEqualTo(ONLY_PARALLELISM);
    }

    @Test
    void renderSetChangesOnlyTheParallelism() {
        Map<String, JsonNode> before = Manifests.byKey(CliRun.run("render").out());
        Map<String, JsonNode> after = Manifests.byKey(CliRun.run("render", "--set", "jobs.events.parallelism=" + NEW_PARALLELISM).out());
        assertThat(differences(before, after)).as("k8s.jar render --set vs defaults").isEqualTo(ONLY_PARALLELISM);
    }

    @Test
    void cliScaleChangesOnlyTheParallelism() {
        MockCluster.installCrds(client);
        assertThat(CliRun.run(MockCluster.provider(client), "apply").exitCode()).isZero();
        JsonNode before = stored();

        CliRun scale = CliRun.run(MockCluster.provider(client), "scale", "--job", "events", "--parallelism", Integer.toString(NEW_PARALLELISM));

        assertThat(scale.exitCode()).as(scale.err()).isZero();
        JsonNode after = stored();
        assertThat(Manifests.diff(withoutServerFields(before), withoutServerFields(after)))
                .as("k8s.jar scale: stored FlinkDeployment before vs after")
                .containsExactly("/spec/job/parallelism: 2 <> " + NEW_PARALLELISM);
    }

    @Test
    void kubectlMergePatchChangesOnlyTheParallelism(@TempDir Path dir) throws Exception {
        String yaml = CliRun.run("render").out();
        JsonNode flink = Manifests.byKey(yaml).get(FLINK_KEY);
        Path file = dir.resolve("flinkdeployment.yaml");
        Files.writeString(file, Manifests.YAML.writeValueAsString(flink));
        String patch = Scaler.mergePatch(NEW_PARALLELISM);

        String how;
        JsonNode patched;
        if (onPath("kubectl")) {
            how = "kubectl patch --local --type=merge";
            patched = Manifests.normalise(Manifests.YAML.readTree(kubectlPatch(file, patch)));
        } else {
            how = "kubectl is not on the PATH: kubectl patch --type=merge EMULATED with a JSON merge patch library";
            patched = Manifests.normalise(JsonMergePatch.fromJson(Manifests.YAML.readTree(patch)).apply(flink));
        }
        assertThat(Manifests.diff(flink, patched)).as(how).containsExactly("/spec/job/parallelism: 2 <> " + NEW_PARALLELISM);
    }

    private static String kubectlPatch(Path file, String patch) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "patch", "--local", "-f", file.toString(),
                "--type=merge", "-p", patch, "-o", "yaml")
                .redirectErrorStream(false)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        assertThat(process.exitValue()).as("kubectl patch --local failed: %s", err).isZero();
        return out;
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private JsonNode stored() {
        return Manifests.normalise(Manifests.YAML.valueToTree(client.genericKubernetesResources(
                "flink.apache.org/v1beta1", "FlinkDeployment").inNamespace("streaming").withName("streaming-job").get()));
    }

    /** Drops what the API server maintains (resourceVersion, generation, timestamps, uid, managed fields). */
    private static JsonNode withoutServerFields(JsonNode stored) {
        ObjectNode copy = stored.deepCopy();
        ((ObjectNode) copy.path("metadata")).remove(List.of("resourceVersion", "generation", "creationTimestamp",
                "uid", "managedFields"));
        return copy;
    }

    private static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        List<String> out = new ArrayList<>();
        before.forEach((key, tree) -> Manifests.diff(tree, after.get(key)).forEach(d -> out.add(key + d)));
        return out;
    }
}
