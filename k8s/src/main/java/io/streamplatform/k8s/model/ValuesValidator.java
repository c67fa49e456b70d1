package io.streamplatform.k8s.model;

import java.util.Set;
import java.util.regex.Pattern;

/** Checks the bound values beyond types; the same rules as the chart's values.schema.json and its fail checks. */
final class ValuesValidator {
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Set<String> STORAGE_TYPES = Set.of(StorageValues.EPHEMERAL, StorageValues.PERSISTENT);
    private static final Set<String> LISTENER_TYPES = Set.of("internal", "cluster-ip", "nodeport", "loadbalancer");
    private static final Set<String> UPGRADE_MODES = Set.of("savepoint", "last-state", "stateless");
    private static final Set<String> DELIVERIES = Set.of("exactly-once", "at-least-once");
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Set<String> FLINK_VERSIONS = Set.of("v1_18", "v1_19", "v1_20");
    private static final Pattern LISTENER_NAME = Pattern.compile("[a-z0-9]{1,11}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|min|h)");

    private ValuesValidator() {
    }

    static void validate(PlatformValues v) {
        dnsName("name", v.name());
        dnsName("namespace", v.namespace());
        KafkaValues k = v.kafka();
        dnsName("kafka.name", k.name());
        dnsName("kafka.nodePool", k.nodePool());
        min("kafka.replicas", k.replicas(), 1);
        oneOf("kafka.storage.type", k.storage().type(), STORAGE_TYPES);
        if (k.listeners().isEmpty()) {
            throw new ValuesException("kafka.listeners must not be empty");
        }
        for (int i = 0; i < k.listeners().size(); i++) {
            ListenerValues l = k.listeners().get(i);
            oneOf("kafka.listeners[" + i + "].type", l.type(), LISTENER_TYPES);
            min("kafka.listeners[" + i + "].port", l.port(), 9092);
            if (l.port() > 65535) {
                throw new ValuesException("kafka.listeners[" + i + "].port must be at most 65535, got " + l.port());
            }
            if (!LISTENER_NAME.matcher(l.name()).matches()) {
                throw new ValuesException("kafka.listeners[" + i + "].name must be 1-11 lower case letters or digits, got '"
                        + l.name() + "'");
            }
        }
        if (k.listeners().get(0).tls()) {
            throw new ValuesException("kafka.listeners[0] must be a plain listener (tls: false): the apps and the job use it");
        }
        for (var entry : v.topics().byRole().entrySet()) {
            String role = entry.getKey();
            TopicsValues.TopicValues t = entry.getValue();
            if (!TOPIC_NAME.matcher(t.name()).matches()) {
                throw new ValuesException("topics." + role + ".name must use letters, digits, '.', '_' or '-', got '" + t.name() + "'");
            }
            min("topics." + role + ".partitions", t.partitions(), 1);
            min("topics." + role + ".replicas", t.replicas(), 1);
            if (t.replicas() > k.replicas()) {
                throw new ValuesException("topics." + role + ".replicas (" + t.replicas()
                        + ") must not exceed kafka.replicas (" + k.replicas() + ")");
            }
        }
        FlinkValues f = v.flink();
        dnsName("flink.name", f.name());
        min("flink.parallelism", f.parallelism(), 1);
        min("flink.taskSlots", f.taskSlots(), 1);
        oneOf("flink.upgradeMode", f.upgradeMode(), UPGRADE_MODES);
        oneOf("flink.delivery", f.delivery(), DELIVERIES);
        oneOf("flink.imagePullPolicy", f.imagePullPolicy(), PULL_POLICIES);
        oneOf("flink.flinkVersion", f.flinkVersion(), FLINK_VERSIONS);
        duration("flink.window", f.window());
        duration("flink.checkpointInterval", f.checkpointInterval());
        oneOf("producer.imagePullPolicy", v.producer().imagePullPolicy(), PULL_POLICIES);
        oneOf("consumer.imagePullPolicy", v.consumer().imagePullPolicy(), PULL_POLICIES);
        min("producer.replicas", v.producer().replicas(), 0);
        min("consumer.replicas", v.consumer().replicas(), 0);
        min("producer.rate", v.producer().rate(), 1);
        min("producer.keys", v.producer().keys(), 1);
    }

    private static void dnsName(String key, String value) {
        if (value.length() > 63 || !DNS_NAME.matcher(value).matches()) {
            throw new ValuesException(key + " must be a DNS-1123 label (lower case letters, digits, '-'), got '" + value + "'");
        }
    }

    private static void min(String key, int value, int min) {
        if (value < min) {
            throw new ValuesException(key + " must be at least " + min + ", got " + value);
        }
    }

    private static void oneOf(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ValuesException(key + " must be one of " + new java.util.TreeSet<>(allowed) + ", got '" + value + "'");
        }
    }

    private static void duration(String key, String value) {
        if (!DURATION.matcher(value).matches()) {
            throw new ValuesException(key + " must be a duration like 10s, 500ms, 1min, got '" + value + "'");
        }
    }
}
