package io.streamplatform.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How one of the benchmark's Kafka clients reaches a broker: the bootstrap servers and the client security settings
 * ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}; none against the plaintext broker).
 */
record Endpoint(String bootstrap, Map<String, String> security) {
    Endpoint {
        security = Map.copyOf(security);
    }

    static Endpoint plaintext(String bootstrap) {
        return new Endpoint(bootstrap, Map.of());
    }

    /** A client's configuration: the security settings, the bootstrap servers and {@code settings}. */
    Map<String, Object> config(Map<String, ?> settings) {
        Map<String, Object> c = new HashMap<>(security);
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.putAll(settings);
        return c;
    }

    /** Never the settings: they may hold a password. */
    @Override
    public String toString() {
        return bootstrap + (security.isEmpty() ? "" : " (" + security.getOrDefault("security.protocol", "?") + ")");
    }
}
