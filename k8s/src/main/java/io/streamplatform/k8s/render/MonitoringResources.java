package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleSpec;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetricsBuilder;
import io.strimzi.api.kafka.model.kafka.KafkaResources;
import io.strimzi.api.kafka.model.kafka.exporter.KafkaExporterResources;
import io.strimzi.api.kafka.model.kafka.exporter.KafkaExporterSpec;
import io.strimzi.api.kafka.model.kafka.exporter.KafkaExporterSpecBuilder;
import io.streamplatform.common.Monitoring;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code monitoring.enabled} adds beside the metrics settings of the other objects: a {@code PodMonitor} (Prometheus
 * Operator) for each enabled job's Flink pods (JobManager and TaskManagers), for the Kafka brokers and Strimzi's Kafka
 * exporter, and for the producer and consumer; the Grafana dashboard in a ConfigMap labelled for Grafana's dashboard
 * sidecar; a {@code PrometheusRule} whose spec is the chart's alert rules with the values' tunables filled in. The
 * monitoring files are the chart's own ({@link Monitoring}), read as Helm reads them.
 */
final class MonitoringResources {
    /** The name of every metrics container port of the platform's own pods. */
    static final String METRICS_PORT = "metrics";
    /** The component label of the dashboard and the alert rules. */
    static final String COMPONENT = "monitoring";
    /** Strimzi's name of the metrics port of its brokers and its Kafka exporter. */
    static final String STRIMZI_METRICS_PORT = "tcp-prometheus";
    /** The dashboard's key in its ConfigMap: the file name Grafana's sidecar writes it to. */
    static final String DASHBOARD_KEY = "streaming-platform.json";
    /** Which topics and consumer groups Strimzi's Kafka exporter reports (kafka_consumergroup_lag): all of them. */
    static final String EXPORT_ALL = ".*";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private MonitoringResources() {
    }

    static List<HasMetadata> build(PlatformValues v) {
        List<HasMetadata> out = new ArrayList<>();
        for (String job : v.enabledJobs()) {
            Map<String, String> labels = Labels.of(v, "flink");
            labels.put(Labels.JOB, job);
            // The labels Flink's native Kubernetes mode gives the JobManager and TaskManager pods of a cluster.
            Map<String, String> pods = new LinkedHashMap<>();
            pods.put("app", v.deploymentName(job));
            pods.put("type", "flink-native-kubernetes");
            out.add(podMonitor(v, v.deploymentName(job), labels, pods, METRICS_PORT));
        }
        String kafka = v.kafka().name();
        out.add(podMonitor(v, KafkaResources.kafkaComponentName(kafka), Labels.of(v, "kafka"), strimziPods(kafka,
                KafkaResources.kafkaComponentName(kafka)), STRIMZI_METRICS_PORT));
        out.add(podMonitor(v, KafkaExporterResources.componentName(kafka), Labels.of(v, "kafka"), strimziPods(kafka,
                KafkaExporterResources.componentName(kafka)), STRIMZI_METRICS_PORT));
        for (String app : List.of("producer", "consumer")) {
            boolean enabled = app.equals("producer") ? v.producer().enabled() : v.consumer().enabled();
            if (enabled) out.add(podMonitor(v, v.name() + "-" + app, Labels.of(v, app), Labels.selector(v, app), METRICS_PORT));
        }
        out.add(dashboard(v));
        out.add(alertRules(v));
        return out;
    }

    /** A container port named {@value #METRICS_PORT}. */
    static ContainerPort metricsPort(int port) {
        return new ContainerPortBuilder().withName(METRICS_PORT).withContainerPort(port).build();
    }

    /** The ConfigMap holding the brokers' JMX exporter rules, {@code files/kafka-metrics.yaml} as it is. */
    static ConfigMap kafkaMetricsConfigMap(PlatformValues v) {
        return new ConfigMapBuilder()
                .withMetadata(Labels.meta(v, kafkaMetricsConfigMapName(v), Labels.of(v, "kafka")))
                .addToData(Monitoring.KAFKA_METRICS, Monitoring.file(Monitoring.KAFKA_METRICS))
                .build();
    }

    /** The Kafka brokers' {@code metricsConfig}: Strimzi's JMX Prometheus exporter with the rules of that ConfigMap. */
    static JmxPrometheusExporterMetrics kafkaMetricsConfig(PlatformValues v) {
        return new JmxPrometheusExporterMetricsBuilder()
                .withNewValueFrom()
                    .withNewConfigMapKeyRef(Monitoring.KAFKA_METRICS, kafkaMetricsConfigMapName(v), null)
                .endValueFrom()
                .build();
    }

    /** Strimzi's Kafka exporter, for every topic and consumer group. */
    static KafkaExporterSpec kafkaExporter() {
        return new KafkaExporterSpecBuilder().withTopicRegex(EXPORT_ALL).withGroupRegex(EXPORT_ALL).build();
    }

    static String kafkaMetricsConfigMapName(PlatformValues v) {
        return v.kafka().name() + "-kafka-metrics";
    }

    /** The labels Strimzi gives the pods of one of its components of the cluster. */
    private static Map<String, String> strimziPods(String cluster, String component) {
        Map<String, String> pods = new LinkedHashMap<>();
        pods.put("strimzi.io/cluster", cluster);
        pods.put("strimzi.io/name", component);
        return pods;
    }

    private static PodMonitor podMonitor(PlatformValues v, String name, Map<String, String> labels, Map<String, String> pods,
            String port) {
        return new PodMonitorBuilder()
                .withMetadata(Labels.meta(v, name, withExtraLabels(labels, v.monitoring().labels())))
                .withNewSpec()
                    .withNewSelector()
                        .withMatchLabels(pods)
                    .endSelector()
                    .addNewPodMetricsEndpoint()
                        .withPort(port)
                        .withPath("/metrics")
                    .endPodMetricsEndpoint()
                .endSpec()
                .build();
    }

    /** The Grafana dashboard, {@code files/dashboard.json} as it is. */
    private static ConfigMap dashboard(PlatformValues v) {
        return new ConfigMapBuilder()
                .withMetadata(Labels.meta(v, v.name() + "-dashboard",
                        withExtraLabels(Labels.of(v, COMPONENT), v.monitoring().dashboardLabels())))
                .addToData(DASHBOARD_KEY, Monitoring.file(Monitoring.DASHBOARD))
                .build();
    }

    /** The alert rules, {@code files/alert-rules.yaml} with the values' tunables, as the rule's spec. */
    private static PrometheusRule alertRules(PlatformValues v) {
        PrometheusRuleSpec spec = SERIALIZATION.unmarshal(Monitoring.alertRules(v.monitoring().alerts()), PrometheusRuleSpec.class);
        return new PrometheusRuleBuilder()
                .withMetadata(Labels.meta(v, v.name() + "-alerts", withExtraLabels(Labels.of(v, COMPONENT), v.monitoring().labels())))
                .withSpec(spec)
                .build();
    }

    /** The platform's labels plus extra ones from the values; the platform's win where both name a label. */
    private static Map<String, String> withExtraLabels(Map<String, String> labels, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        extra.forEach(all::putIfAbsent);
        return all;
    }
}
