package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.job.toy.ToyDefinition;
import io.streamplatform.job.toy.ToyOptions;
import io.streamplatform.k8s.chart.ChartSync;
import io.streamplatform.k8s.model.ChartFiles;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.ValuesException;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.ChartCopy;
import io.streamplatform.k8s.support.CrdSchemas;
import io.streamplatform.k8s.support.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Add your own job" (README), on the Kubernetes side: a job defined only in test scope (the job module's toy job)
 * joins the catalogue, {@code sync-chart} brings a copy of the chart in step with it, and then both renderers render
 * it when enabled, alike, valid against the Flink CRD, with arguments its own parser takes; and the bad input around
 * several jobs (a shared output topic, a shared transactional-id prefix) is refused by both.
 */
class AddAJobTest {
    static final JobCatalogue WITH_TOY = new JobCatalogue(
            java.util.stream.Stream.concat(Catalogue.all().stream(), java.util.stream.Stream.of(new ToyDefinition())).toList());

    @TempDir
    static Path dir;
    static Path chart;

    @BeforeAll
    static void syncACopyOfTheChartWithTheToyJob() {
        chart = ChartCopy.of(dir);
        assertThat(ChartSync.apply(chart, WITH_TOY)).containsExactly(
                "values.schema.json: jobs", "templates/_catalogue.tpl", "values.yaml: jobs.toy (disabled)");
        assertThat(ChartSync.check(chart, WITH_TOY)).isEmpty();
    }

    @Test
    void theSyncedChartAddsTheJobDisabled() throws Exception {
        String values = Files.readString(chart.resolve("values.yaml"));
        assertThat(values).contains("  # Test-scope toy: upper-cases the word of each run,seq,word line.\n  toy:\n    # Deploy this job.\n    enabled: false\n");
        assertThat(Manifests.documents(render(List.of()).helm)).noneMatch(d -> d.path("metadata").path("name").asText().equals("streaming-toy"));
    }

    @Test
    void bothRenderersRenderTheEnabledJobAlikeAndItsParserTakesItsArguments() {
        Rendered r = render(List.of("jobs.toy.enabled=true", "jobs.toy.options.suffix=?!"));
        Map<String, JsonNode> helm = Manifests.byKey(r.helm);
        Map<String, JsonNode> java = Manifests.byKey(r.java);
        ChartParityTest.assertSameObjects(helm, java);

        JsonNode toy = helm.get("flink.apache.org/v1beta1/FlinkDeployment/streaming/streaming-toy");
        assertThat(toy).as("the toy's FlinkDeployment").isNotNull();
        assertThat(toy.path("spec").path("job").path("entryClass").asText()).isEqualTo("io.streamplatform.job.toy.ToyJob");
        List<String> args = new ArrayList<>();
        toy.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        ToyOptions parsed = new ToyDefinition().parse(args);
        assertThat(parsed.suffix).isEqualTo("?!");
        assertThat(parsed.topics()).containsEntry("input", "toy-in").containsEntry("output", "toy-out").containsEntry("dlq", "toy-dlq");
        assertThat(helm).containsKeys("kafka.strimzi.io/v1/KafkaTopic/streaming/toy-in", "kafka.strimzi.io/v1/KafkaTopic/streaming/toy-out");
        JsonNode asRendered = Manifests.documents(r.helm).stream().filter(d -> Manifests.key(d).equals(Manifests.key(toy))).findFirst().orElseThrow();
        assertThat(CrdSchemas.validate(asRendered)).isEmpty();
    }

    @Test
    void twoJobsWritingOneTopicOrSharingATransactionalIdPrefixAreRefusedByBoth() {
        assertRefusedByBoth(List.of("jobs.toy.enabled=true", "jobs.toy.topics.output.name=events-normalized"),
                "jobs events and toy both write topic 'events-normalized'");
        assertRefusedByBoth(List.of("jobs.toy.enabled=true", "jobs.toy.options.transactional-id-prefix=streaming-job"),
                "jobs events and toy share the transactional-id prefix 'streaming-job'; each job needs its own");
        assertRefusedByBoth(List.of("jobs.toy.enabled=true", "jobs.toy.topics.input.name=events"),
                "topic 'events' is declared by jobs events and toy with different partitions, replicas or config");
    }

    @Test
    void aJobMayReadWhatAnotherWrites() {
        Rendered r = render(List.of("jobs.toy.enabled=true", "jobs.toy.topics.input.name=events-normalized",
                "jobs.toy.topics.input.partitions=4"));
        assertThat(Manifests.documents(r.helm)).filteredOn(d -> d.path("metadata").path("name").asText().equals("events-normalized"))
                .as("one KafkaTopic for the topic both jobs use").hasSize(1);
        ChartParityTest.assertSameObjects(Manifests.byKey(r.helm), Manifests.byKey(r.java));
    }

    private static void assertRefusedByBoth(List<String> sets, String message) {
        assertThatThrownBy(() -> Chart.template(chart, List.of(), sets, Chart.NAMESPACE)).hasMessageContaining(message);
        assertThatThrownBy(() -> ValuesLoader.load(ChartFiles.of(chart), WITH_TOY, List.of(), sets, Chart.NAMESPACE))
                .isInstanceOf(ValuesException.class).hasMessage(message);
    }

    private record Rendered(String helm, String java) {}

    private static Rendered render(List<String> sets) {
        return new Rendered(Chart.template(chart, List.of(), sets, Chart.NAMESPACE),
                ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(ChartFiles.of(chart), WITH_TOY, List.of(), sets, Chart.NAMESPACE),
                        WITH_TOY)));
    }
}
