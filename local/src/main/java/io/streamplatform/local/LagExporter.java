package io.streamplatform.local;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Local mode's stand-in for the Kafka exporter that Strimzi runs on a cluster: every consumer group's lag per topic
 * and partition, {@code kafka_consumergroup_lag{consumergroup, topic, partition}} (the same name and labels), read
 * from the broker on each scrape and served on 127.0.0.1. It is the "is the job keeping up" signal, and it stays
 * when the job is down, unlike the job's own metrics. Flink commits its offsets on each checkpoint, so a running
 * job's lag rises and falls between checkpoints.
 */
public final class LagExporter implements AutoCloseable {
    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final HTTPServer server;

    private LagExporter(Admin admin, HTTPServer server) {
        this.admin = admin;
        this.server = server;
    }

    /** Serves the lag of the groups of the cluster at {@code bootstrap} on 127.0.0.1, on a free port. */
    public static LagExporter start(String bootstrap) {
        return start(bootstrap, Map.of());
    }

    /** As {@link #start(String)}, with the Kafka client security settings {@code security} (a job's {@code --client-config}). */
    public static LagExporter start(String bootstrap, Map<String, String> security) {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS)));
        Admin admin = Admin.create(config);
        PrometheusRegistry registry = new PrometheusRegistry();
        GaugeWithCallback.builder()
                .name("kafka_consumergroup_lag")
                .help("Records of a partition the consumer group has not committed yet: its end offset minus the group's offset")
                .labelNames("consumergroup", "topic", "partition")
                .callback(cb -> lags(admin).forEach((key, lag) -> cb.call(lag, key.group, key.partition.topic(),
                        Integer.toString(key.partition.partition()))))
                .register(registry);
        try {
            return new LagExporter(admin, HTTPServer.builder().hostname("127.0.0.1").port(0).registry(registry).buildAndStart());
        } catch (IOException e) {
            admin.close();
            throw new UncheckedIOException(e);
        }
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/metrics";
    }

    private record Key(String group, TopicPartition partition) {
    }

    /** Every group's lag per partition it has offsets for; none if the broker does not answer in time. */
    private static Map<Key, Long> lags(Admin admin) {
        Map<Key, Long> out = new HashMap<>();
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                var offsets = admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                committed.put(g.groupId(), offsets);
                offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
                if (offset != null && ends.containsKey(tp)) out.put(new Key(group, tp), Math.max(0, ends.get(tp).offset() - offset.offset()));
            }));
        } catch (TimeoutException | ExecutionException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        admin.close();
    }
}
