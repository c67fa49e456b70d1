package io.streamplatform.job.core;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where the jobs' own metrics live: the operator's metric group {@value #GROUP}, so that Flink's Prometheus reporter
 * names them {@code flink_taskmanager_job_task_operator_platform_<...>}. A key/value group ({@code input},
 * {@code output}, {@code reason}, {@code kind}) puts its key into the name and {@code key="value"} into the labels:
 * {@code platform → input=<role> → records_read} is scraped as
 * {@code flink_taskmanager_job_task_operator_platform_input_records_read{input="<role>",...}}. Label values are
 * letters, digits and {@code _}: anything else becomes {@code _} ({@code not-json} is {@code not_json}), as the
 * Prometheus reporter would make it anyway, so a value reads the same in every reporter and in the REST API.
 */
public final class PlatformMetrics {
    public static final String GROUP = "platform";

    private PlatformMetrics() {}

    /** The {@value #GROUP} group of an operator's metric group (the same group however often asked). */
    public static MetricGroup of(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    /** {@code platform → input=<role>}: metrics of one input topic. */
    public static MetricGroup input(MetricGroup operator, String role) {
        return of(operator).addGroup("input", labelValue(role));
    }

    /** {@code platform → output=<role>}: metrics of one output topic (dead letters included). */
    public static MetricGroup output(MetricGroup operator, String role) {
        return of(operator).addGroup("output", labelValue(role));
    }

    /** {@code platform → reason=<category> → dead_letters}: dead letters of one reason category ({@link DeadLetterReasons}). */
    public static Counter deadLetters(MetricGroup operator, String category) {
        return of(operator).addGroup("reason", labelValue(category)).counter("dead_letters");
    }

    /** {@code platform → late_records}: records too late for their window (they are dead-lettered as {@code late}). */
    public static Counter lateRecords(MetricGroup operator) {
        return of(operator).counter("late_records");
    }

    /** {@code platform → <name>}: a job's own counter; {@code name} in snake_case. */
    public static Counter counter(MetricGroup operator, String name) {
        return of(operator).counter(name);
    }

    /** {@code platform → kind=<kind> → <name>}: a job's own counter per kind (a small fixed set of kinds). */
    public static Counter counter(MetricGroup operator, String kind, String name) {
        return of(operator).addGroup("kind", labelValue(kind)).counter(name);
    }

    /** {@code value} with every character but ASCII letters, digits and {@code _} replaced by {@code _}. */
    public static String labelValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return sb.toString();
    }
}
