package io.streamplatform.common.catalogue;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One of a job's topics, by the part it plays: the job reads {@link Kind#INPUT} topics, writes {@link Kind#OUTPUT}
 * topics, and sends what it cannot use to its {@link Kind#DEAD_LETTER} topic. The job's option for the topic's name
 * is {@link #flag()}, {@code --<role>-topic}; local mode and the Kubernetes renderers create the topic with the
 * default name, partitions and topic configuration given here unless told otherwise.
 *
 * @param role short lower-case name, e.g. {@code input}, {@code counts}, {@code dlq}
 * @param config topic configuration the job relies on (e.g. {@code cleanup.policy=compact}); empty for most
 */
public record TopicRole(String role, Kind kind, String defaultName, int partitions, Map<String, String> config, String description) {
    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9]*");

    /** What the job does with the topic. */
    public enum Kind { INPUT, OUTPUT, DEAD_LETTER }

    public TopicRole {
        if (!ROLE.matcher(role).matches()) throw new IllegalArgumentException("a topic role is lower-case letters and digits, got '" + role + "'");
        if (partitions < 1) throw new IllegalArgumentException("topic role " + role + ": partitions must be >= 1");
        config = Map.copyOf(config);
    }

    public static TopicRole input(String role, String defaultName, int partitions, String description) {
        return new TopicRole(role, Kind.INPUT, defaultName, partitions, Map.of(), description);
    }

    public static TopicRole output(String role, String defaultName, int partitions, String description) {
        return new TopicRole(role, Kind.OUTPUT, defaultName, partitions, Map.of(), description);
    }

    public static TopicRole deadLetters(String role, String defaultName, int partitions, String description) {
        return new TopicRole(role, Kind.DEAD_LETTER, defaultName, partitions, Map.of(), description);
    }

    /** The job's option naming this topic: {@code --<role>-topic}. */
    public String flag() {
        return "--" + role + "-topic";
    }

    /** True for the topics the job writes (outputs and dead letters). */
    public boolean written() {
        return kind != Kind.INPUT;
    }
}
