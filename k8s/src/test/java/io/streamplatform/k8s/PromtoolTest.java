package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamplatform.common.Monitoring;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own checker ({@code promtool check rules}, Debian's {@code prometheus} package) accepts the rendered
 * PrometheusRule's spec, with the numbers as each renderer wrote them (2.5e+06, 1e-05), and every expression of the
 * dashboard. Needs promtool on the PATH; without it the test is skipped, saying so.
 */
class PromtoolTest {

    @Test
    void prometheusAcceptsTheRenderedAlertRules() throws Exception {
        Path promtool = promtool();
        for (ValueSet set : List.of(ValueSets.monitoringDefaults(), ValueSets.monitoringFromAFile(), ValueSets.monitoringBySet())) {
            for (String renderer : List.of("helm", "generator")) {
                String yaml = renderer.equals("helm") ? Chart.template(set.files(), set.sets())
                        : ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets())));
                JsonNode spec = Manifests.documents(yaml).stream().filter(d -> d.path("kind").asText().equals("PrometheusRule"))
                        .findFirst().orElseThrow().path("spec");
                check(promtool, set + " (" + renderer + ")", Manifests.YAML.writeValueAsString(spec));
            }
        }
    }

    /** Each of the dashboard's expressions as a recording rule: promtool parses it as Prometheus would run it. */
    @Test
    void prometheusAcceptsEveryExpressionOfTheDashboard() throws Exception {
        Path promtool = promtool();
        ObjectNode rules = Manifests.YAML.createObjectNode();
        ArrayNode records = rules.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
        int i = 0;
        for (JsonNode panel : Manifests.JSON.readTree(Monitoring.file(Monitoring.DASHBOARD)).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                records.addObject().put("record", "dashboard:expr_" + ++i).put("expr", target.path("expr").asText());
            }
        }
        assertThat(i).isGreaterThan(20);
        check(promtool, "the dashboard", Manifests.YAML.writeValueAsString(rules));
    }

    private static void check(Path promtool, String what, String rulesFile) throws Exception {
        Path file = Files.createDirectories(Path.of("target", "promtool")).resolve("rules.yaml");
        Files.writeString(file, rulesFile);
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as("promtool check rules on %s:%n%s%n%s", what, output, rulesFile).isZero();
    }

    private static Path promtool() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        assumeTrue(found.isPresent(), "promtool is not on the PATH (apt-get install prometheus)");
        return found.get();
    }
}
