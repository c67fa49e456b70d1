package io.streamplatform.k8s.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --set path=value} override with Helm's typing: {@code true}/{@code false} are booleans, {@code null}
 * removes the key, integers are integers, anything else is a string. Paths are dotted keys with optional list
 * indices, e.g. {@code kafka.listeners[0].port=9094}; a dot inside a key is escaped: {@code jobs.events.topics.input.config.retention\\.ms=1000}.
 */
public record SetOverride(List<Segment> path, String rawValue) {
    private static final Pattern SEGMENT = Pattern.compile("((?:[A-Za-z0-9_-]|\\\\\\.)+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");

    /** A key, or a list index when {@code key} is null. */
    public record Segment(String key, int index) {
    }

    public static SetOverride parse(String expression) {
        int eq = expression.indexOf('=');
        if (eq <= 0) {
            throw new ValuesException("invalid --set '" + expression + "': expected path=value");
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : expression.substring(0, eq).split("(?<!\\\\)\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new ValuesException("invalid --set '" + expression + "': bad key '" + part + "'");
            }
            segments.add(new Segment(m.group(1).replace("\\.", "."), -1));
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                segments.add(new Segment(null, Integer.parseInt(idx.group(1))));
            }
        }
        return new SetOverride(segments, expression.substring(eq + 1));
    }

    /** The path as dotted keys with indices, e.g. {@code kafka.listeners[0].port}. */
    String dottedPath() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : path) {
            if (s.key() == null) sb.append('[').append(s.index()).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(s.key());
        }
        return sb.toString();
    }

    JsonNode typedValue() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (rawValue) {
            case "true" -> f.booleanNode(true);
            case "false" -> f.booleanNode(false);
            case "null" -> f.nullNode();
            default -> INTEGER.matcher(rawValue).matches() ? f.numberNode(Long.parseLong(rawValue)) : f.textNode(rawValue);
        };
    }

    void applyTo(ObjectNode root) {
        JsonNode current = root;
        for (int i = 0; i < path.size(); i++) {
            Segment seg = path.get(i);
            boolean last = i == path.size() - 1;
            Segment next = last ? null : path.get(i + 1);
            if (seg.key() != null) {
                ObjectNode obj = (ObjectNode) current;
                if (last) {
                    set(obj, seg.key());
                    return;
                }
                JsonNode child = obj.get(seg.key());
                if (child == null || !(next.key() == null ? child.isArray() : child.isObject())) {
                    child = next.key() == null ? obj.putArray(seg.key()) : obj.putObject(seg.key());
                }
                current = child;
            } else {
                ArrayNode arr = (ArrayNode) current;
                while (arr.size() <= seg.index()) {
                    arr.addNull();
                }
                if (last) {
                    arr.set(seg.index(), typedValue());
                    return;
                }
                JsonNode child = arr.get(seg.index());
                if (child == null || !(next.key() == null ? child.isArray() : child.isObject())) {
                    child = next.key() == null ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                    arr.set(seg.index(), child);
                }
                current = child;
            }
        }
    }

    private void set(ObjectNode obj, String key) {
        JsonNode value = typedValue();
        if (value.isNull()) {
            obj.remove(key);
        } else {
            obj.set(key, value);
        }
    }
}
