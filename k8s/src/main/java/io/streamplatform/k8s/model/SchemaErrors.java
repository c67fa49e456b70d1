package io.streamplatform.k8s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.streamplatform.common.Durations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Validates merged values against the chart's {@code values.schema.json} (the one schema Helm enforces too) and turns
 * the first violation into a one-line message naming the key: {@code unknown key 'flink.paralelism' in values},
 * {@code wrong type for key 'kafka.replicas': expected an integer}, {@code jobs.events.options.window must be a
 * duration ...}.
 */
final class SchemaErrors {
    /** How a pattern of the schema reads in a message. */
    private static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "a DNS-1123 label (lower case letters, digits, '-')"),
            Map.entry("^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$", "empty or a DNS-1123 label (lower case letters, digits, '-')"),
            Map.entry("^[a-zA-Z0-9._-]+$", "a topic name (letters, digits, '.', '_', '-')"),
            Map.entry("^[a-z0-9]{1,11}$", "1-11 lower case letters or digits"),
            Map.entry(Durations.PATTERN, "a duration: a whole number and a unit, e.g. 500ms, 10s, 2m, 1h"),
            Map.entry(MonitoringValues.DURATION_PATTERN, "a Prometheus duration: a whole number above 0 and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h"),
            Map.entry("^/", "an absolute path"),
            Map.entry("^(https?://.+)?$", "empty or an http:// or https:// URL"),
            Map.entry("^([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])?$", "empty or a bucket name (3-63 lower case letters, digits, '.', '-')"),
            Map.entry("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$", "empty or a Kubernetes object name (lower case letters, digits, '-', '.')"),
            Map.entry("^[-._a-zA-Z0-9]+$", "a Secret key (letters, digits, '-', '_', '.')"));

    /** Compiled schemas by schema tree, held while the tree is (the bundled chart's: compiled once per JVM). */
    private static final Map<JsonNode, JsonSchema> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());

    private SchemaErrors() {
    }

    private static JsonSchema compile(JsonNode schema) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    static void validate(JsonNode schema, JsonNode values, JobCatalogue catalogue) {
        Set<ValidationMessage> errors = COMPILED.computeIfAbsent(schema, SchemaErrors::compile).validate(values);
        errors.stream()
                .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getType))
                .ifPresent(first -> {
                    throw new ValuesException(message(first, schema, catalogue));
                });
    }

    private static String message(ValidationMessage m, JsonNode schema, JobCatalogue catalogue) {
        return violation(m, schema, catalogue) + condition(m, schema);
    }

    private static String violation(ValidationMessage m, JsonNode schema, JobCatalogue catalogue) {
        String at = path(m.getInstanceLocation());
        JsonNode value = m.getInstanceNode();
        return switch (m.getType()) {
            case "additionalProperties", "propertyNames" -> unknown(at, m.getProperty(), catalogue);
            case "required" -> "missing value for key '" + join(at, m.getProperty()) + "'";
            case "type" -> "wrong type for key '" + at + "': expected " + typeName(m.getSchemaNode()) + pattern(keywordParent(schema, m));
            case "enum" -> at + " must be one of " + StreamSupport.stream(m.getSchemaNode().spliterator(), false)
                    .map(JsonNode::asText).toList() + ", got '" + value.asText() + "'";
            case "pattern" -> at + " must be " + PATTERNS.getOrDefault(m.getSchemaNode().asText(), "like " + m.getSchemaNode().asText())
                    + ", got '" + value.asText() + "'";
            case "minimum" -> at + " must be at least " + m.getSchemaNode().asText() + ", got " + value.asText();
            case "maximum" -> at + " must be at most " + m.getSchemaNode().asText() + ", got " + value.asText();
            case "exclusiveMinimum" -> at + " must be more than " + m.getSchemaNode().asText() + ", got " + value.asText();
            case "minLength" -> at + " must not be empty";
            case "maxLength" -> at + " must be at most " + m.getSchemaNode().asText() + " characters, got '" + value.asText() + "'";
            case "minItems" -> at + " must not be empty";
            default -> "invalid value for key '" + at + "': " + Messages.oneLine(m.getMessage());
        };
    }

    /**
     * " when KEY is VALUE" for a rule that applies only when a key has a value ({@code "if": {"properties": {KEY:
     * {"const": VALUE}}}, "then": ...}, e.g. a bucket required with {@code flink.stateStorage.type} s3); else "".
     */
    private static String condition(ValidationMessage m, JsonNode schema) {
        JsonNodePath keyword = m.getSchemaLocation().getFragment();
        JsonNode node = schema;
        List<String> at = new ArrayList<>();
        for (int i = 0; i < keyword.getNameCount(); i++) {
            Object element = keyword.getElement(i);
            if (element.equals("then") && node.path("if").path("properties").isObject()) {
                List<String> conditions = new ArrayList<>();
                node.path("if").path("properties").fields().forEachRemaining(e -> {
                    if (e.getValue().has("const")) {
                        conditions.add(join(String.join(".", at), e.getKey()) + " is " + e.getValue().path("const").asText());
                    }
                });
                return conditions.isEmpty() ? "" : " when " + String.join(" and ", conditions);
            }
            if (i > 0 && "properties".equals(keyword.getElement(i - 1))) at.add(element.toString());
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return "";
    }

    /** The schema object holding the keyword that failed (e.g. the option's schema for its "type"). */
    private static JsonNode keywordParent(JsonNode schema, ValidationMessage m) {
        JsonNodePath keyword = m.getSchemaLocation().getFragment();
        JsonNode node = schema;
        for (int i = 0; i < keyword.getNameCount() - 1; i++) {
            Object element = keyword.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
        }
        return node;
    }

    /** ", <what the pattern means>" when the schema also has a pattern. */
    private static String pattern(JsonNode schema) {
        JsonNode pattern = schema.path("pattern");
        return pattern.isTextual() ? ", " + PATTERNS.getOrDefault(pattern.asText(), "like " + pattern.asText()) : "";
    }

    private static String unknown(String at, String key, JobCatalogue catalogue) {
        if (at.equals("jobs")) return "unknown job '" + key + "' in values (known: " + String.join(", ", catalogue.names()) + ")";
        if (at.matches("jobs\\.[^.]+\\.options")) {
            String job = at.substring("jobs.".length(), at.length() - ".options".length());
            return "job " + job + " has no option '" + key + "' (" + at + "." + key + " in values; ./pipeline --job " + job + " --help lists them)";
        }
        return "unknown key '" + join(at, key) + "' in values";
    }

    private static String join(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }

    /** {@code $.kafka.listeners[0].port} as {@code kafka.listeners[0].port}. */
    static String path(JsonNodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) sb.append('[').append(index).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(element);
        }
        return sb.toString();
    }

    private static String typeName(JsonNode type) {
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false).map(t -> typeName(t)).collect(Collectors.joining(" or "));
        }
        return switch (type.asText()) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean";
            case "string" -> "a string";
            case "object" -> "a mapping";
            case "array" -> "a list";
            default -> type.asText();
        };
    }
}
