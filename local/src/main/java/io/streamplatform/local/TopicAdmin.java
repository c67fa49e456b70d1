package io.streamplatform.local;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.TopicRole;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Creates a job's topics where missing, failing clearly if the broker cannot be reached in time; reads a job's lag. */
public final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * A job's topics as its options name them, each with the topic configuration its role relies on
     * ({@link TopicRole#config()}, e.g. a compacted catalogue).
     */
    public static Map<String, Map<String, String>> topicsOf(JobDefinition<?> job, JobOptions options) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        for (var role : job.topics()) topics.put(options.topic(role), role.config());
        return topics;
    }

    /**
     * Creates the missing topics with the broker's default replication factor (every node of a local cluster).
     *
     * @return the topics that were created (the others already existed)
     */
    public static Set<String> ensureTopics(String bootstrap, Collection<String> topics, int partitions, Duration timeout) {
        return ensureTopics(bootstrap, Map.of(), topics, partitions, timeout);
    }

    /** As above, with the Kafka client security settings {@code security} (a job's {@code --client-config}). */
    public static Set<String> ensureTopics(String bootstrap, Map<String, String> security, Collection<String> topics, int partitions,
                                           Duration timeout) {
        Map<String, Map<String, String>> plain = new LinkedHashMap<>();
        for (String t : topics) plain.put(t, Map.of());
        return ensureTopics(bootstrap, security, plain, partitions, timeout);
    }

    /** As {@link #ensureTopics(String, Collection, int, Duration)}, each topic created with its configuration. */
    public static Set<String> ensureTopics(String bootstrap, Map<String, Map<String, String>> topicConfigs, int partitions, Duration timeout) {
        return ensureTopics(bootstrap, Map.of(), topicConfigs, partitions, timeout);
    }

    /** As above, with the Kafka client security settings {@code security} (a job's {@code --client-config}). */
    public static Set<String> ensureTopics(String bootstrap, Map<String, String> security, Map<String, Map<String, String>> topicConfigs,
                                           int partitions, Duration timeout) {
        Collection<String> topics = topicConfigs.keySet();
        long ms = timeout.toMillis();
        try (Admin admin = admin(bootstrap, security, ms)) {
            Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty()).configs(topicConfigs.get(t))).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(ms, TimeUnit.MILLISECONDS);
                awaitLeaders(admin, topics, System.nanoTime() + timeout.toNanos());
            }
            return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
        } catch (TimeoutException e) {
            throw new LocalModeException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new LocalModeException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + "s");
            }
            throw new LocalModeException("cannot create topics at " + bootstrap + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while creating topics");
        }
    }

    /**
     * How many records of {@code topics} the consumer group has not committed yet (a Flink source commits its
     * offsets when a checkpoint completes): 0 once the job has read and checkpointed all of its input. A group that
     * has committed nothing lags by everything.
     */
    public static long lag(String bootstrap, String group, Collection<String> topics, Duration timeout) {
        return lag(bootstrap, Map.of(), group, topics, timeout);
    }

    /** As above, with the Kafka client security settings {@code security}. */
    public static long lag(String bootstrap, Map<String, String> security, String group, Collection<String> topics, Duration timeout) {
        long ms = timeout.toMillis();
        try (Admin admin = admin(bootstrap, security, ms)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(ms, TimeUnit.MILLISECONDS).values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(ms, TimeUnit.MILLISECONDS);
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(ms, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                var c = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (TimeoutException | ExecutionException e) {
            throw new LocalModeException("cannot read the lag of group " + group + " at " + bootstrap + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while reading the consumer lag");
        }
    }

    private static Admin admin(String bootstrap, Map<String, String> security, long timeoutMs) {
        Map<String, Object> config = new HashMap<>(security);
        config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeoutMs),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeoutMs, 5000))));
        return Admin.create(config);
    }

    /**
     * Waits until every partition of the new topics answers ListOffsets on its leader. A new partition is in the
     * metadata a moment before its leader hosts it; an idempotent 3.9 producer whose first batch hit that window
     * (NOT_LEADER_OR_FOLLOWER) was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER for ever against a 4.1 broker.
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics, long deadlineNanos)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
                    d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
                }
                admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new LocalModeException("new topics not ready in time: " + notYet.getCause().getMessage());
                }
                Thread.sleep(50); // polling interval, bounded by the deadline
            }
        }
    }
}
