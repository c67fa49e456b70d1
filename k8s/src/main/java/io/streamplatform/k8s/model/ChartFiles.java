package io.streamplatform.k8s.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two chart files the Java renderer reads, so that both renderers start from the same defaults and check the same
 * schema: {@code values.yaml} and {@code values.schema.json}, as bundled in this jar (copied from
 * {@code helm/streaming-platform} at build time) or from a chart directory.
 */
public record ChartFiles(String source, ObjectNode values, JsonNode schema) {
    private static final String BUNDLED = "/io/streamplatform/k8s/chart/";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The chart files bundled in this jar. */
    public static ChartFiles bundled() {
        return Bundled.FILES;
    }

    /** The chart files of the chart in {@code dir}. */
    public static ChartFiles of(Path dir) {
        Path values = dir.resolve("values.yaml");
        Path schema = dir.resolve("values.schema.json");
        if (!Files.isRegularFile(values) || !Files.isRegularFile(schema)) {
            throw new ValuesException(dir + " is not the chart: it needs values.yaml and values.schema.json");
        }
        try {
            return new ChartFiles(dir.toString(), (ObjectNode) YAML.readTree(values.toFile()), YAML.readTree(schema.toFile()));
        } catch (JacksonException e) {
            throw new ValuesException("cannot read the chart in " + dir + ": " + Messages.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ValuesException("cannot read the chart in " + dir + ": " + e.getMessage());
        }
    }

    private static final class Bundled {
        static final ChartFiles FILES = new ChartFiles("bundled chart", (ObjectNode) read("values.yaml"), read("values.schema.json"));

        private static JsonNode read(String file) {
            try (InputStream in = ChartFiles.class.getResourceAsStream(BUNDLED + file)) {
                if (in == null) throw new IllegalStateException("bundled chart file missing: " + BUNDLED + file);
                return YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
