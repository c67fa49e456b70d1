package io.streamplatform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamplatform.common.Monitoring;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What local mode says and needs about its metrics: the one line per endpoint it prints, and the alert rules with the
 * chart's tunables ({@code monitoring.alerts} in values.yaml), each of which a user can override.
 */
final class LocalMonitoring {
    private LocalMonitoring() {
    }

    /** The line a user (or a script) reads an endpoint from: {@code metrics <component> <url>}. */
    static void print(PrintStream out, String component, String url) {
        out.println("metrics " + component + " " + url);
    }

    /** {@code host:port} of a metrics URL, as a Prometheus scrape target. */
    static String target(String metricsUrl) {
        URI uri = URI.create(metricsUrl);
        return uri.getHost() + ":" + uri.getPort();
    }

    /** The chart's alert tunables with {@code overrides} applied; an override of a key the rules do not have is refused. */
    static Map<String, Object> alertSettings(Map<String, String> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>(chartDefaults());
        Set<String> known = Monitoring.alertTunables();
        for (var o : overrides.entrySet()) {
            if (!known.contains(o.getKey())) {
                throw new LocalModeException("--alert " + o.getKey() + ": not a tunable of the alert rules; they are " + String.join(", ", known));
            }
            settings.put(o.getKey(), o.getValue());
        }
        return settings;
    }

    /** The alert rules as the chart renders them with its defaults and {@code overrides}. */
    static String alertRules(Map<String, String> overrides) {
        return Monitoring.alertRules(alertSettings(overrides));
    }

    private static Map<String, Object> chartDefaults() {
        try {
            JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(Monitoring.chartValues()).path("monitoring").path("alerts");
            Map<String, Object> out = new LinkedHashMap<>();
            alerts.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
