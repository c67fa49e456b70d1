package io.streamplatform.k8s.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the {@link PlatformValues} the way Helm builds {@code .Values}: the chart's {@code values.yaml} (bundled in
 * this jar), then each values file deep-merged over it, then {@code --set} overrides; then binds the result strictly
 * (unknown keys, wrong types and missing keys are errors naming the key) and validates it.
 */
public final class ValuesLoader {
    private static final String DEFAULTS = "/io/streamplatform/k8s/chart/values.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private ValuesLoader() {
    }

    /** The chart defaults only. */
    public static PlatformValues defaults() {
        return load(List.of(), List.of());
    }

    public static PlatformValues load(List<Path> valuesFiles, List<String> setOverrides) {
        ObjectNode tree = defaultsTree();
        for (Path file : valuesFiles) {
            ValuesMerge.deepMerge(tree, readFile(file));
        }
        for (String override : setOverrides) {
            SetOverride.parse(override).applyTo(tree);
        }
        PlatformValues values = bind(tree);
        ValuesValidator.validate(values);
        return values;
    }

    static ObjectNode defaultsTree() {
        try (InputStream in = ValuesLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("bundled chart values missing: " + DEFAULTS);
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ValuesException("values file not found: " + file);
        }
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ValuesException("values file " + file + " is not valid YAML: " + Messages.oneLine(e.getOriginalMessage())
                    + location(e));
        } catch (IOException e) {
            throw new ValuesException("cannot read values file " + file + ": " + e.getMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new ValuesException("values file " + file + " must be a YAML mapping at the top level");
        }
        return (ObjectNode) node;
    }

    private static PlatformValues bind(ObjectNode tree) {
        try {
            return BINDER.treeToValue(tree, PlatformValues.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ValuesException("unknown key '" + path(e) + "' in values");
        } catch (MismatchedInputException e) {
            String path = path(e);
            if (e.getMessage() != null && e.getMessage().startsWith("Missing required creator property")
                    || e.getMessage() != null && e.getMessage().startsWith("Null value for creator property")) {
                throw new ValuesException("missing value for key '" + path + "'");
            }
            throw new ValuesException("wrong type for key '" + path + "': expected " + typeName(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ValuesException("invalid value for key '" + path(e) + "': " + Messages.oneLine(e.getOriginalMessage()));
        } catch (JacksonException e) {
            throw new ValuesException("invalid values: " + Messages.oneLine(e.getOriginalMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.getSimpleName();
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
