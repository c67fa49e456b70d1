package io.streamplatform.local;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Creates the pipeline's topics where missing, failing clearly if the broker cannot be reached in time. */
public final class TopicAdmin {
    private TopicAdmin() {}

    /** @return the topics that were created (the others already existed) */
    public static Set<String> ensureTopics(String bootstrap, Collection<String> topics, int partitions, Duration timeout) {
        long ms = timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ms),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(ms, 5000))))) {
            Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
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
     * Waits until every partition of the new topics has a leader. An idempotent 3.9 producer whose first batch
     * meets a partition that has no leader yet was seen to retry OUT_OF_ORDER_SEQUENCE_NUMBER for ever
     * against a 4.1 broker; producing only once leaders are known avoids that window.
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics, long deadlineNanos)
            throws ExecutionException, InterruptedException, TimeoutException {
        while (true) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            boolean ready = described.values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            if (ready) return;
            if (System.nanoTime() > deadlineNanos) throw new LocalModeException("new topics got no partition leaders in time");
            Thread.sleep(50); // polling interval, bounded by the deadline
        }
    }
}
