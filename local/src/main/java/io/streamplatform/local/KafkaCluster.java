package io.streamplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A Kafka cluster of several nodes on 127.0.0.1, each a child JVM that is both broker and KRaft controller (a
 * static quorum of all of them). Every topic, the internal ones included, is replicated to every node (at most 3)
 * with {@code min.insync.replicas} one less, and unclean leader election is off: with acks=all, losing one node
 * loses nothing. Nodes can be killed, frozen and started again on the same data and ports.
 */
public final class KafkaCluster implements AutoCloseable {
    private final PlatformHome home;
    private final Path dir;
    private final List<KafkaBroker.Node> nodes;
    private final String quorum;
    private final int replication;
    private final Map<Integer, KafkaBroker> running = Collections.synchronizedMap(new LinkedHashMap<>());

    private KafkaCluster(PlatformHome home, Path dir, List<KafkaBroker.Node> nodes) {
        this.home = home;
        this.dir = dir;
        this.nodes = nodes;
        this.quorum = "controller.quorum.voters=" + nodes.stream()
                .map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
        this.replication = Math.min(3, nodes.size());
    }

    /** Formats and starts {@code size} nodes on free ports and waits until every one answers. */
    public static KafkaCluster start(PlatformHome home, Path dir, int size, Duration timeout) {
        List<KafkaBroker.Node> nodes = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        try {
            for (int id = 1; id <= size; id++) {
                int port = KafkaBroker.freePortBut(taken);
                taken.add(port);
                int controllerPort = KafkaBroker.freePortBut(taken);
                taken.add(controllerPort);
                nodes.add(new KafkaBroker.Node(id, port, controllerPort));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaCluster cluster = new KafkaCluster(home, dir, nodes);
        String clusterId = KafkaBroker.clusterId();
        try {
            for (KafkaBroker.Node node : nodes) {
                cluster.running.put(node.id(), KafkaBroker.launch(home, cluster.nodeDir(node.id()), node, cluster.quorum,
                        cluster.replication, List.of("-t", clusterId), false));
            }
            for (KafkaBroker broker : cluster.running.values()) broker.awaitReady(timeout);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private Path nodeDir(int id) {
        return dir.resolve("node-" + id);
    }

    /** Every node's client address, whether it runs or not (clients find the live ones). */
    public String bootstrap() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return nodes.stream().map(KafkaBroker.Node::id).toList();
    }

    /** The running node's process, for fault injection; null if the node is down. */
    public JavaProcess process(int id) {
        KafkaBroker broker = running.get(id);
        return broker == null || !broker.isAlive() ? null : broker.process();
    }

    /** {@code kill -9} of a node. */
    public void kill(int id) {
        KafkaBroker broker = running.remove(id);
        if (broker != null) broker.process().kill();
    }

    /** Starts a killed node again on its data and ports and waits until it answers. */
    public void restart(int id, Duration timeout) {
        if (running.containsKey(id)) throw new IllegalStateException("node " + id + " runs");
        KafkaBroker.Node node = nodes.get(id - 1);
        KafkaBroker broker = KafkaBroker.launch(home, nodeDir(id), node, quorum, replication, null, false);
        running.put(id, broker);
        broker.awaitReady(timeout);
    }

    /** The number of partition leaders each live node holds, over {@code topics}. */
    public Map<Integer, Integer> leaders(List<String> topics, Duration timeout) {
        try (Admin admin = admin(timeout)) {
            Map<Integer, Integer> count = new LinkedHashMap<>();
            for (int id : nodeIds()) count.put(id, 0);
            for (TopicDescription t : admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()) {
                for (TopicPartitionInfo p : t.partitions()) {
                    if (p.leader() != null) count.merge(p.leader().id(), 1, Integer::sum);
                }
            }
            return count;
        } catch (Exception e) {
            throw new LocalModeException("cannot describe topics " + topics + ": " + LocalFlinkCluster.rootMessage(e), e);
        }
    }

    /**
     * Whether every partition, the internal topics' included, has all its replicas in sync (false while a node is
     * down or catching up, or when the cluster does not answer within {@code timeout}).
     */
    public boolean fullyReplicated(Duration timeout) {
        try (Admin admin = admin(timeout)) {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicDescription t : admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()) {
                for (TopicPartitionInfo p : t.partitions()) {
                    if (p.isr().size() < p.replicas().size()) return false;
                }
            }
            return true;
        } catch (Exception notNow) {
            return false;
        }
    }

    /** The live node leading the most partitions of {@code topics} (the lowest id on a tie). */
    public int busiestLeader(List<String> topics, Duration timeout) {
        int best = -1;
        int most = -1;
        for (Map.Entry<Integer, Integer> e : leaders(topics, timeout).entrySet()) {
            if (running.containsKey(e.getKey()) && e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        if (best < 0) throw new LocalModeException("no live broker leads a partition of " + topics);
        return best;
    }

    /** An admin client whose every call gives up after {@code timeout}. */
    private Admin admin(Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms));
    }

    @Override
    public void close() {
        List<KafkaBroker> brokers;
        synchronized (running) {
            brokers = new ArrayList<>(running.values());
            running.clear();
        }
        for (KafkaBroker b : brokers) b.close();
    }
}
