package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.HelmText;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HelmText} writes a value as Helm's template engine does, checked against the real engine: a tiny chart prints
 * numbers given in a values file (Helm reads them as float64) and by {@code --set} (whole ones as int64).
 */
class HelmTextTest {
    static final List<String> FILE_NUMBERS = List.of("0", "2", "1000", "100000", "999999", "1000000", "2500000", "1234567",
            "86400000", "1.0e+21", "0.05", "0.1", "0.0001", "0.00001", "0.000123", "1.5", "-2.5", "123456.7", "0.30000000000000004",
            "4294967296");
    static final List<String> SET_NUMBERS = List.of("0", "7", "1000000", "5000000", "4294967296");

    @Test
    void numbersFromAValuesFileAreWrittenAsHelmWritesAFloat64() throws IOException {
        Path values = ValueSets.write("helm-text.yaml", "numbers: [" + String.join(", ", FILE_NUMBERS) + "]\n");
        List<String> helm = printed(Chart.template(chart(), List.of(values), List.of(), Chart.NAMESPACE));
        List<String> java = new ArrayList<>();
        Manifests.YAML.readTree(values.toFile()).path("numbers").forEach(n -> java.add(HelmText.fromFile(n.numberValue())));
        assertThat(java).isEqualTo(helm);
        assertThat(helm).contains("1e+06", "2.5e+06", "1e-05", "0.05", "999999");
    }

    @Test
    void wholeNumbersGivenBySetAreWrittenAsHelmWritesAnInt64() throws IOException {
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < SET_NUMBERS.size(); i++) sets.add("numbers[" + i + "]=" + SET_NUMBERS.get(i));
        List<String> helm = printed(Chart.template(chart(), List.of(), sets, Chart.NAMESPACE));
        List<String> java = SET_NUMBERS.stream().map(n -> HelmText.fromSet(Long.parseLong(n))).toList();
        assertThat(java).isEqualTo(helm).contains("5000000");
    }

    /** What the chart printed, in order. */
    private static List<String> printed(String yaml) {
        JsonNode data = Manifests.documents(yaml).get(0).path("data");
        List<String> out = new ArrayList<>();
        for (int i = 0; data.has("n" + i); i++) out.add(data.path("n" + i).asText());
        return out;
    }

    /** A chart whose one ConfigMap holds each of .Values.numbers as the template engine prints it. */
    private static Path chart() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "helm-text-chart", "templates")).getParent();
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: helm-text\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("templates/numbers.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: numbers
                data:
                {{- range $i, $n := .Values.numbers }}
                  n{{ $i }}: "{{ $n }}"
                {{- end }}
                """);
        return dir.toAbsolutePath();
    }
}
