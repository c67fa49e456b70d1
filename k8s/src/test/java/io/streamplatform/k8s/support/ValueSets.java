package io.streamplatform.k8s.support;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.OptionInfo;
import io.streamplatform.k8s.chart.ChartSchema;
import io.streamplatform.k8s.model.JobCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The value sets the parity, schema and job-arguments tests run over: defaults plus non-trivial variations. */
public final class ValueSets {
    private ValueSets() {
    }

    /** One way of configuring the platform: values files and --set overrides, fed identically to both renderers. */
    public record ValueSet(String name, List<Path> files, List<String> sets) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static List<ValueSet> all() {
        return List.of(
                new ValueSet("defaults", List.of(), List.of()),
                new ValueSet("3 brokers, persistent storage (values file)", List.of(threeBrokersFile()), List.of()),
                new ValueSet("parallelism 4, at-least-once, last-state, topic config, no consumer", List.of(), List.of(
                        "jobs.events.parallelism=4",
                        "jobs.events.options.delivery=at-least-once",
                        "jobs.events.upgradeMode=last-state",
                        "jobs.events.topics.input.config.retention\\.ms=3600000",
                        "kafka.version=4.1.1",
                        "consumer.enabled=false")),
                recommendationsProducer(),
                s3LastState(),
                s3OnAws(),
                everyOption(JobCatalogue.installed()),
                monitoringDefaults(),
                monitoringFromAFile(),
                monitoringBySet(),
                securityOff(),
                securityOffMonitoringS3(),
                securityWithPlainListenerAndMonitoring(),
                securityOwnNamesAtLeastOnce());
    }

    /** Security off: the plaintext listener, no users, default pod privileges (the platform as it was before). */
    public static ValueSet securityOff() {
        return new ValueSet("security off", List.of(), List.of("security.enabled=false"));
    }

    /** Security off with monitoring and checkpoints in S3, two jobs. */
    public static ValueSet securityOffMonitoringS3() {
        return new ValueSet("security off, monitoring on, s3, two jobs", List.of(), List.of(
                "security.enabled=false",
                "monitoring.enabled=true",
                "jobs.logs.enabled=true",
                "flink.stateStorage.type=s3",
                "flink.stateStorage.s3.bucket=flink-state",
                "flink.stateStorage.s3.credentialsSecret=s3-credentials"));
    }

    /**
     * Security on with the plain listener kept and monitoring on (the Kafka exporter's template), the apps on the
     * recommendations job (a producer writing two topics), checkpoints in S3 (the restricted-compliant storage).
     */
    public static ValueSet securityWithPlainListenerAndMonitoring() {
        return new ValueSet("security on, plain listener too, monitoring, s3, recommendations apps", List.of(), List.of(
                "security.plainListener=true",
                "monitoring.enabled=true",
                "jobs.recommendations.enabled=true",
                "producer.job=recommendations",
                "consumer.job=recommendations",
                "flink.stateStorage.type=s3",
                "flink.stateStorage.s3.bucket=flink-state",
                "flink.stateStorage.s3.credentialsSecret=s3-credentials"));
    }

    /**
     * Security on with names of one's own: a renamed platform and Kafka, TLS on another port and listed second, custom
     * topic names, group ids and a transactional-id prefix, one job at-least-once (no transactional-id ACL), another
     * exactly-once with its prefix defaulting to its group id, a FlinkDeployment name of the job's own.
     */
    public static ValueSet securityOwnNamesAtLeastOnce() {
        return new ValueSet("security on, own names, at-least-once and exactly-once jobs", List.of(write("security-names.yaml", """
                name: acme
                kafka:
                  name: bus
                  listeners:
                    - name: plain
                      port: 9092
                      type: internal
                      tls: false
                    - name: secure
                      port: 9443
                      type: internal
                      tls: true
                jobs:
                  events:
                    deployment: ""
                    topics:
                      input:
                        name: raw-events
                      output:
                        name: clean-events
                    options:
                      group-id: acme-events
                      transactional-id-prefix: acme-events-tx
                  logs:
                    enabled: true
                    deployment: log-analytics
                    topics:
                      input:
                        name: nginx-logs
                    options:
                      group-id: acme-logs
                      delivery: at-least-once
                  grid:
                    enabled: true
                    options:
                      group-id: acme-grid
                """)), List.of());
    }

    /** Monitoring on, everything else the defaults. */
    public static ValueSet monitoringDefaults() {
        return new ValueSet("monitoring on", List.of(), List.of("monitoring.enabled=true"));
    }

    /**
     * Monitoring on from a values file, with extra labels and every alert tunable changed (numbers Helm writes with an
     * exponent: it reads a file's numbers as float64), two jobs.
     */
    public static ValueSet monitoringFromAFile() {
        return new ValueSet("monitoring on, labels and tunables from a file, two jobs", List.of(write("monitoring.yaml", """
                monitoring:
                  enabled: true
                  labels:
                    release: prometheus
                    team: data
                  dashboardLabels:
                    grafana_dashboard: "1"
                    grafana_folder: streaming
                  alerts:
                    lagMinRecords: 2500000
                    lagGrowingFor: 15m
                    checkpointMaxAge: 1h
                    restartsPer10m: 5
                    deadLetterRatio: 0.00001
                    noOutputFor: 90s
                jobs:
                  logs:
                    enabled: true
                """)), List.of());
    }

    /** Monitoring on by --set (whole numbers as Helm's int64), checkpoints in S3, no consumer. */
    public static ValueSet monitoringBySet() {
        return new ValueSet("monitoring on, tunables by --set, s3, no consumer", List.of(), List.of(
                "monitoring.enabled=true",
                "monitoring.labels.release=kube-prometheus",
                "monitoring.alerts.lagMinRecords=5000000",
                "monitoring.alerts.restartsPer10m=0",
                "monitoring.alerts.deadLetterRatio=1",
                "monitoring.alerts.lagGrowingFor=2m",
                "flink.stateStorage.type=s3",
                "flink.stateStorage.s3.bucket=flink-state",
                "flink.stateStorage.s3.credentialsSecret=s3-credentials",
                "consumer.enabled=false"));
    }

    /**
     * Checkpoints, savepoints and HA metadata in an S3-compatible store (a MinIO endpoint), two jobs, both on
     * last-state (so both get {@code high-availability.storageDir} in the bucket).
     */
    public static ValueSet s3LastState() {
        return new ValueSet("s3 state storage (MinIO), two jobs on last-state", List.of(write("s3-minio.yaml", """
                flink:
                  stateStorage:
                    type: s3
                    s3:
                      endpoint: http://minio.storage.svc:9000
                      bucket: flink-state
                      credentialsSecret: minio-credentials
                jobs:
                  events:
                    upgradeMode: last-state
                  logs:
                    enabled: true
                    upgradeMode: last-state
                """)), List.of());
    }

    /** S3 itself: no endpoint, virtual-host style, a Secret with its own key names; savepoint upgrades (no HA). */
    public static ValueSet s3OnAws() {
        return new ValueSet("s3 state storage (AWS), own secret keys", List.of(), List.of(
                "flink.stateStorage.type=s3",
                "flink.stateStorage.s3.bucket=my-company.flink-state",
                "flink.stateStorage.s3.pathStyleAccess=false",
                "flink.stateStorage.s3.credentialsSecret=aws-flink",
                "flink.stateStorage.s3.accessKeyIdKey=access-key",
                "flink.stateStorage.s3.secretAccessKeyKey=secret.key"));
    }

    /** The producer feeding a job with two inputs, its catalogue topic renamed: both topics reach its arguments. */
    public static ValueSet recommendationsProducer() {
        return new ValueSet("recommendations producer, two inputs", List.of(), List.of(
                "jobs.events.enabled=false",
                "jobs.recommendations.enabled=true",
                "jobs.recommendations.topics.videos.name=my-catalogue",
                "producer.job=recommendations",
                "consumer.job=recommendations"));
    }

    /**
     * Every job enabled, and every option of every job set in a values file to a value unlike its default (but one
     * the job accepts), so that each option travels through both renderers into {@code job.args}.
     */
    public static ValueSet everyOption(JobCatalogue catalogue) {
        StringBuilder yaml = new StringBuilder("jobs:\n");
        for (JobDefinition<?> job : catalogue.all()) {
            yaml.append("  ").append(job.name()).append(":\n    enabled: true\n    options:\n");
            for (OptionInfo o : ChartSchema.settableOptions(job)) {
                yaml.append("      ").append(o.name()).append(": ").append(nonDefault(job, o)).append('\n');
            }
        }
        return new ValueSet("every job, every option set", List.of(write("every-option.yaml", yaml.toString())), List.of());
    }

    /** A value for the option unlike its default, in values-file syntax. */
    private static String nonDefault(JobDefinition<?> job, OptionInfo o) {
        return switch (o.type()) {
            case BOOLEAN -> Boolean.toString(!"true".equals(o.defaultValue()));
            case INTEGER -> o.name().equals("fail-once-after") ? "0" : "12345";
            // Half a unit above the default keeps a job's ordered thresholds (warning < maximum) in order.
            case NUMBER -> Double.toString(Double.parseDouble(o.defaultValue()) + 0.5);
            // Above every default interval the jobs compare durations with (checkpoints < transaction timeout).
            case DURATION -> o.name().equals("transaction-timeout") ? "7m" : "3s";
            case ENUM -> o.values().stream().filter(v -> !v.equals(o.defaultValue())).findFirst().orElseThrow();
            case PROPERTIES -> "{linger.ms: \"7\", acks: all}";
            case STRING -> o.name().equals("checkpoint-dir") ? "file:///flink-data/elsewhere"
                    : "\"" + job.name() + "-" + o.name() + "\"";
        };
    }

    static Path threeBrokersFile() {
        return write("three-brokers.yaml", """
                kafka:
                  replicas: 3
                  storage:
                    type: persistent-claim
                    size: 20Gi
                    storageClass: standard
                    deleteClaim: false
                  config:
                    auto.create.topics.enable: false
                jobs:
                  events:
                    parallelism: 6
                    taskSlots: 4
                    topics:
                      input:
                        partitions: 12
                        replicas: 3
                        config:
                          min.insync.replicas: 2
                      output:
                        replicas: 3
                producer:
                  rate: 1000
                """);
    }

    /** Writes a values file under target/test-values and returns its absolute path. */
    public static Path write(String name, String yaml) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-values"));
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
