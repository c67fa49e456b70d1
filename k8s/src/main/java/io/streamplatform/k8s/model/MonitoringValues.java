package io.streamplatform.k8s.model;

import java.util.Map;

/**
 * Prometheus metrics, the Grafana dashboard and the alert rules ({@code monitoring} in the values). {@code labels} go on
 * the PodMonitors and the PrometheusRule, {@code dashboardLabels} on the dashboard's ConfigMap. {@code alerts} are the
 * alert rules' tunables as text, written as Helm's {@code tpl} writes each value into the rules file
 * ({@link io.streamplatform.common.HelmText}), so that both renderers fill in the same rules.
 */
public record MonitoringValues(boolean enabled, Map<String, String> labels, Map<String, String> dashboardLabels, Map<String, String> alerts) {

    /**
     * The durations the alert tunables take (values.schema.json): a whole number above 0 and one unit, which is
     * Prometheus's syntax and the platform's ({@code io.streamplatform.common.Durations}) alike.
     */
    public static final String DURATION_PATTERN = "^[1-9][0-9]*(ms|s|m|h|d)$";
}
