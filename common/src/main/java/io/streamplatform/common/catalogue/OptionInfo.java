package io.streamplatform.common.catalogue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option of a job as the renderers and the documentation see it, read from the job's own parser: its name
 * (without the dashes), the kind of value, the default, the description.
 *
 * @param defaultValue the job's default in the option's own syntax, or null when unset means "the cluster's"
 * @param values the allowed values of an {@link Type#ENUM}, empty otherwise
 */
public record OptionInfo(String name, Type type, String defaultValue, String description, List<String> values) {

    /** How a value is written: on the command line and in a values file. */
    public enum Type {
        STRING, INTEGER,
        /** A decimal number, e.g. a threshold. */
        NUMBER,
        BOOLEAN, DURATION, ENUM,
        /** {@code KEY=VALUE}, repeatable; a mapping in a values file. */
        PROPERTIES
    }

    /** The option as the job's command line takes it: {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    static OptionInfo of(OptionSpec o, String defaultValue) {
        Class<?> t = o.type();
        Type type;
        List<String> values = List.of();
        if (t == Duration.class) type = Type.DURATION;
        else if (t == boolean.class || t == Boolean.class) type = Type.BOOLEAN;
        else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) type = Type.INTEGER;
        else if (t == double.class || t == Double.class) type = Type.NUMBER;
        else if (Map.class.isAssignableFrom(t)) type = Type.PROPERTIES;
        else if (t.isEnum()) {
            type = Type.ENUM;
            values = Arrays.stream(t.getEnumConstants()).map(e -> JobOptions.DashedEnumConverter.dashed((Enum<?>) e)).toList();
        } else if (t == String.class) type = Type.STRING;
        else throw new IllegalStateException("option " + o.longestName() + " has a type the catalogue cannot describe: " + t);
        return new OptionInfo(o.longestName().substring(2), type, defaultValue, String.join(" ", o.description()), values);
    }
}
