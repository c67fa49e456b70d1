package io.streamplatform.common.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/** The README describes every catalogue job in a section of its own that names each of the job's own options. */
class ReadmeTest {
    @Test
    void everyJobHasASectionNamingItsOwnOptions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Set<String> shared = Arrays.stream(JobOptions.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(Option.class))
                .flatMap(f -> Arrays.stream(f.getAnnotation(Option.class).names()))
                .collect(Collectors.toSet());
        for (JobDefinition<?> job : Catalogue.all()) {
            int start = readme.indexOf("### The " + job.name() + " job");
            assertThat(start).as("a README section '### The %s job'", job.name()).isNotNegative();
            int end = readme.indexOf("\n### ", start + 1);
            String section = readme.substring(start, end < 0 ? readme.length() : end);
            for (OptionInfo o : job.options()) {
                boolean topic = job.topics().stream().anyMatch(t -> t.flag().equals(o.flag()));
                if (shared.contains(o.flag()) || topic) continue;
                assertThat(section).as("the README's %s section names %s", job.name(), o.flag()).contains("`" + o.flag());
            }
        }
    }
}
