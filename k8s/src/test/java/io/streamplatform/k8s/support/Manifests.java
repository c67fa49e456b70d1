package io.streamplatform.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Parses multi-document YAML into Jackson trees keyed by apiVersion/kind/namespace/name, and diffs them. */
public final class Manifests {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** Every non-empty document, numbers normalised (1 and 1.0 are the same value), keyed and sorted. */
    public static Map<String, JsonNode> byKey(String multiDocYaml) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode doc : documents(multiDocYaml)) {
            String key = key(doc);
            if (out.put(key, normalise(doc)) != null) {
                throw new AssertionError("duplicate object " + key);
            }
        }
        return out;
    }

    public static List<JsonNode> documents(String multiDocYaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(multiDocYaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    public static String key(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText() + "/"
                + doc.path("metadata").path("namespace").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    public static JsonNode normalise(JsonNode node) {
        JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return f.numberNode(d.scale() < 0 ? d.setScale(0) : d);
        }
        if (node.isObject()) {
            ObjectNode copy = f.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalise(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = f.arrayNode();
            node.forEach(e -> copy.add(normalise(e)));
            return copy;
        }
        return node;
    }

    /** JSON-pointer-like paths where the two trees differ (empty when equal). */
    public static List<String> diff(JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        diff("", a, b, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        if (aAbsent && bAbsent) {
            return; // a null field and a missing one mean the same to the API server
        }
        if (aAbsent || bAbsent || a.getNodeType() != b.getNodeType()) {
            out.add(path + ": " + a + " <> " + b);
        } else if (a.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path + "/" + n, a.get(n), b.get(n), out);
            }
        } else if (a.isArray()) {
            if (a.size() != b.size()) {
                out.add(path + ": " + a + " <> " + b);
            } else {
                for (int i = 0; i < a.size(); i++) {
                    diff(path + "/" + i, a.get(i), b.get(i), out);
                }
            }
        } else if (!a.equals(b)) {
            out.add(path + ": " + a + " <> " + b);
        }
    }
}
