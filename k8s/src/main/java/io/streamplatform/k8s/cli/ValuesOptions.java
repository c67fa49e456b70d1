package io.streamplatform.k8s.cli;

import io.streamplatform.k8s.model.ChartFiles;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ValuesLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -f/--values}, {@code --set} and {@code -n/--namespace}, as in {@code helm}; {@code --chart} for another chart. */
final class ValuesOptions {
    @Option(names = {"-f", "--values"}, paramLabel = "FILE",
            description = "Values file (same format as helm/streaming-platform/values.yaml); repeatable, later wins.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override one value, e.g. --set jobs.events.parallelism=4 (Helm typing); repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = ValuesLoader.DEFAULT_NAMESPACE,
            description = "Namespace of every object, as Helm's release namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--chart", paramLabel = "DIR",
            description = "Take the defaults and the schema from this chart directory instead of the bundled chart.")
    Path chart;

    ChartFiles chartFiles() {
        return chart == null ? ChartFiles.bundled() : ChartFiles.of(chart);
    }

    PlatformValues load() {
        return ValuesLoader.load(chartFiles(), JobCatalogue.installed(), files, sets, namespace);
    }
}
