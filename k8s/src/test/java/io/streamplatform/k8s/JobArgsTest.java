package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.k8s.model.JobArgs;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A FlinkDeployment's {@code job.args} are generated from the job's values and read by the job's own parser: for
 * both renderers, with the defaults and with every option of every job set, each rendered FlinkDeployment's
 * arguments parse, and every option, topic and the Kafka address come out as the values say. A flag renamed or
 * removed in a job's options (the catalogue) fails here, because the values still name it.
 */
class JobArgsTest {
    static final JobCatalogue CATALOGUE = JobCatalogue.installed();

    static List<ValueSet> sets() {
        return List.of(ValueSets.all().get(0), ValueSets.everyOption(CATALOGUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sets")
    void everyRenderedJobsArgumentsParseWithItsOwnParserIntoWhatTheValuesSay(ValueSet set) {
        PlatformValues values = ValuesLoader.load(set.files(), set.sets());
        String helm = Chart.template(set.files(), set.sets());
        String java = ManifestWriter.toYaml(PlatformGenerator.generate(values));
        for (String rendered : List.of(helm, java)) {
            List<JsonNode> deployments = Manifests.documents(rendered).stream()
                    .filter(d -> d.path("kind").asText().equals("FlinkDeployment")).toList();
            assertThat(deployments).as("one FlinkDeployment per enabled job").hasSize(
                    (int) values.jobs().values().stream().filter(j -> j.enabled()).count());
            for (JsonNode deployment : deployments) {
                String name = deployment.path("metadata").path("labels").path("streaming-platform/job").asText();
                JobDefinition<?> job = CATALOGUE.get(name);
                assertThat(deployment.path("spec").path("job").path("entryClass").asText()).isEqualTo(job.entryClass());
                List<String> args = new ArrayList<>();
                deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
                assertParsedAsTheValuesSay(job, args, values, name);
            }
        }
    }

    /** The arguments of a job whose flag the values name but the job does not have fail its parser. */
    @Test
    void aFlagTheJobDoesNotHaveFailsItsParser() {
        PlatformValues values = ValuesLoader.defaults();
        List<String> args = new ArrayList<>(JobArgs.of(values, "events"));
        args.replaceAll(a -> a.equals("--window") ? "--window-size" : a);
        JobDefinition<?> events = CATALOGUE.get("events");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.parse(args))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--window-size");
    }

    private static void assertParsedAsTheValuesSay(JobDefinition<?> job, List<String> args, PlatformValues values, String name) {
        JobOptions parsed = job.parse(args);
        var jobValues = values.jobs().get(name);
        assertThat(parsed.bootstrap).isEqualTo(values.bootstrapAddress());
        Map<String, String> topics = new TreeMap<>();
        jobValues.topics().forEach((role, t) -> topics.put(role, t.name()));
        assertThat(parsed.topics()).as("topics of %s", name).isEqualTo(topics);
        CommandLine.ParseResult result = job.commandLine().parseArgs(args.toArray(String[]::new));
        jobValues.options().forEach((option, value) -> {
            assertThat(result.hasMatchedOption("--" + option)).as("%s: --%s given", name, option).isTrue();
            List<String> given = result.matchedOption("--" + option).originalStringValues();
            assertThat(given).as("%s: --%s", name, option).isEqualTo(expected(value));
        });
    }

    /** What the parser saw for a value: its text as the renderers write it, or KEY=VALUE per entry of a mapping (in name order). */
    private static List<String> expected(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            new TreeMap<>(map).forEach((k, v) -> entries.add(k + "=" + v));
            return entries;
        }
        return List.of(JobArgs.scalar(value));
    }
}
