package io.streamplatform.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring files every deployment shares, kept in the Helm chart ({@code helm/streaming-platform/files}) where
 * Helm reads them, and bundled in this jar for local mode and the Java renderer: the Kafka brokers' JMX exporter
 * rules, the alert rules and the Grafana dashboard. The Flink reporter's settings are here too, so the chart, the
 * renderer and local mode name the same reporter.
 */
public final class Monitoring {
    /** The JMX Prometheus exporter's rules for the Kafka brokers. */
    public static final String KAFKA_METRICS = "kafka-metrics.yaml";
    /** The Prometheus rules file, with {@code {{ .Values.monitoring.alerts.<key> }}} where a tunable goes. */
    public static final String ALERT_RULES = "alert-rules.yaml";
    /** The Grafana dashboard. */
    public static final String DASHBOARD = "dashboard.json";

    /** Flink configuration prefix of the platform's Prometheus reporter ({@code metrics.reporter.prom.*}). */
    public static final String FLINK_REPORTER = "metrics.reporter.prom.";
    /** Flink's own reporter factory, which the Flink image ships in {@code plugins/metrics-prometheus}. */
    public static final String FLINK_REPORTER_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    /** The port of a Flink pod's metrics endpoint. */
    public static final int FLINK_METRICS_PORT = 9249;
    /** The port of the producer's and consumer's metrics endpoint in their pods. */
    public static final int APP_METRICS_PORT = 9404;

    private static final Pattern TUNABLE = Pattern.compile("\\{\\{ \\.Values\\.monitoring\\.alerts\\.([A-Za-z0-9]+) }}");
    private static final Pattern ANY_ACTION = Pattern.compile("\\{\\{");

    private Monitoring() {
    }

    /** A monitoring file as the chart has it. */
    public static String file(String name) {
        return resource("files/" + name);
    }

    /** The chart's {@code values.yaml}, for the defaults of {@code monitoring.alerts} where no values file is read. */
    public static String chartValues() {
        return resource("values.yaml");
    }

    /** The keys the alert rules take from {@code monitoring.alerts}, in the order they first appear. */
    public static Set<String> alertTunables() {
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = TUNABLE.matcher(file(ALERT_RULES));
        while (m.find()) keys.add(m.group(1));
        return keys;
    }

    /**
     * The alert rules with each tunable replaced by its value from {@code alerts} (the values' {@code monitoring.alerts}),
     * written as Helm writes a value of a values file ({@link HelmText#fromFile}); text, such as the Java renderer's
     * values already written so, as it is.
     *
     * @throws IllegalArgumentException when a tunable has no value, or the file has any other template action
     */
    public static String alertRules(Map<String, ?> alerts) {
        String text = file(ALERT_RULES);
        Matcher m = TUNABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = alerts.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("monitoring.alerts." + m.group(1) + " has no value");
            m.appendReplacement(out, Matcher.quoteReplacement(HelmText.fromFile(value)));
        }
        m.appendTail(out);
        if (ANY_ACTION.matcher(out).find()) {
            throw new IllegalArgumentException(ALERT_RULES + " has a template action other than {{ .Values.monitoring.alerts.<key> }}");
        }
        return out.toString();
    }

    /** A file of the chart ({@code helm/streaming-platform}), as bundled in this jar. */
    static String resource(String path) {
        try (InputStream in = Monitoring.class.getResourceAsStream("chart/" + path)) {
            if (in == null) throw new IllegalStateException("chart/" + path + " is not bundled in the common jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
