package io.streamplatform.k8s.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The value sets the parity and schema tests run over: defaults plus non-trivial variations. */
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
                new ValueSet("parallelism 4, at-least-once, topic config, no consumer", List.of(), List.of(
                        "flink.parallelism=4",
                        "flink.delivery=at-least-once",
                        "flink.upgradeMode=last-state",
                        "topics.input.config.retention\\.ms=3600000",
                        "kafka.version=4.1.1",
                        "consumer.enabled=false")));
    }

    static Path threeBrokersFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-values"));
            Path file = dir.resolve("three-brokers.yaml");
            Files.writeString(file, """
                    kafka:
                      replicas: 3
                      storage:
                        type: persistent-claim
                        size: 20Gi
                        storageClass: standard
                        deleteClaim: false
                      config:
                        auto.create.topics.enable: false
                    topics:
                      input:
                        partitions: 12
                        replicas: 3
                        config:
                          min.insync.replicas: 2
                      output:
                        replicas: 3
                    flink:
                      taskSlots: 4
                      parallelism: 6
                    producer:
                      rate: 1000
                    """);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
