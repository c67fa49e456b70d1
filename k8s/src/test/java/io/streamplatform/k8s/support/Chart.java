package io.streamplatform.k8s.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;

/** The chart rendered by the real Helm engine (helm-java embeds Helm v3 as a native library), in-process. */
public final class Chart {
    public static final Path DIR = Path.of(System.getProperty("chart.dir", "../helm/streaming-platform"))
            .toAbsolutePath().normalize();
    public static final String RELEASE = "streaming";
    public static final String NAMESPACE = "streaming";

    private Chart() {
    }

    /** {@code helm template streaming helm/streaming-platform -n streaming [-f file] [--set k=v]...}. */
    public static String template(List<Path> valuesFiles, List<String> sets) {
        return template(DIR, valuesFiles, sets, NAMESPACE);
    }

    /** {@code helm template streaming <chart> -n <namespace> [-f file] [--set k=v]...}. */
    public static String template(Path chart, List<Path> valuesFiles, List<String> sets, String namespace) {
        TemplateCommand cmd = new Helm(chart).template().withName(RELEASE).withNamespace(namespace);
        for (Path file : valuesFiles) {
            cmd = cmd.withValuesFile(file);
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            cmd = cmd.set(set.substring(0, eq), set.substring(eq + 1));
        }
        return cmd.call();
    }
}
