package io.streamplatform.k8s.cli;

import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ValuesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -f/--values} and {@code --set}, as in {@code helm}. */
final class ValuesOptions {
    @Option(names = {"-f", "--values"}, paramLabel = "FILE",
            description = "Values file (same format as helm/streaming-platform/values.yaml); repeatable, later wins.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override one value, e.g. --set flink.parallelism=4 (Helm typing); repeatable.")
    List<String> sets = new ArrayList<>();

    PlatformValues load() {
        return ValuesLoader.load(files, sets);
    }
}
