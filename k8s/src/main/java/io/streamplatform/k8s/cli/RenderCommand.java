package io.streamplatform.k8s.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the platform's manifests as multi-document YAML (or write one file per object).")
final class RenderCommand implements Callable<Integer> {
    @Mixin
    ValuesOptions values;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Write NN-kind-name.yaml files here instead of stdout.")
    Path outputDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<HasMetadata> objects = PlatformGenerator.generate(values.load());
        if (outputDir == null) {
            spec.commandLine().getOut().print(ManifestWriter.toYaml(objects));
        } else {
            for (Path file : ManifestWriter.toDirectory(objects, outputDir)) {
                spec.commandLine().getOut().println(file);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
