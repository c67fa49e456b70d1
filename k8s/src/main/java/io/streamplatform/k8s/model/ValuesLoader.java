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
import io.streamplatform.common.HelmText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the {@link PlatformValues} the way Helm builds {@code .Values}: the chart's {@code values.yaml}, then each values
 * file deep-merged over it, then {@code --set} overrides; validates the result against the chart's
 * {@code values.schema.json} (the schema Helm enforces), adds the namespace, binds it, and checks what the schema
 * cannot ({@link ValuesChecks}). Every problem is a {@link ValuesException} with a one-line message naming the key.
 */
public final class ValuesLoader {
    /** The namespace objects go to when none is given (the chart's documented release namespace). */
    public static final String DEFAULT_NAMESPACE = "streaming";
    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final ObjectMapper YAML = ChartFiles.YAML;
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private ValuesLoader() {
    }

    /** The bundled chart's defaults, in the default namespace, for the installed catalogue. */
    public static PlatformValues defaults() {
        return load(List.of(), List.of());
    }

    /** The bundled chart and the installed catalogue, in the default namespace. */
    public static PlatformValues load(List<Path> valuesFiles, List<String> setOverrides) {
        return load(ChartFiles.bundled(), JobCatalogue.installed(), valuesFiles, setOverrides, DEFAULT_NAMESPACE);
    }

    public static PlatformValues load(ChartFiles chart, JobCatalogue catalogue, List<Path> valuesFiles, List<String> setOverrides,
            String namespace) {
        ObjectNode tree = chart.values().deepCopy();
        for (Path file : valuesFiles) {
            ValuesMerge.deepMerge(tree, readFile(file));
        }
        Set<String> setIntegers = new HashSet<>();
        for (String override : setOverrides) {
            SetOverride set = SetOverride.parse(override);
            set.applyTo(tree);
            if (set.typedValue().isIntegralNumber()) setIntegers.add(set.dottedPath());
            else setIntegers.remove(set.dottedPath());
        }
        SchemaErrors.validate(chart.schema(), tree, catalogue);
        alertsAsHelmText(tree, setIntegers);
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new ValuesException("namespace must be a DNS-1123 label (lower case letters, digits, '-'), got '" + namespace + "'");
        }
        tree.put("namespace", namespace);
        PlatformValues values = bind(tree);
        ValuesChecks.check(values, catalogue);
        return values;
    }

    /**
     * {@code monitoring.alerts} as the text Helm's {@code tpl} writes into the alert rules: each number as a float64 read
     * from a values file, or as an int64 where the last {@code --set} of its key gave a whole number.
     */
    private static void alertsAsHelmText(ObjectNode tree, Set<String> setIntegers) {
        if (!(tree.path("monitoring").path("alerts") instanceof ObjectNode alerts)) return;
        List<String> keys = new java.util.ArrayList<>();
        alerts.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode value = alerts.get(key);
            if (!value.isNumber()) continue;
            boolean fromSet = setIntegers.contains("monitoring.alerts." + key);
            alerts.put(key, fromSet ? HelmText.fromSet(value.numberValue()) : HelmText.fromFile(value.numberValue()));
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
