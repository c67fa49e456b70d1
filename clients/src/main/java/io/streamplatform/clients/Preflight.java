package io.streamplatform.clients;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Checks, within a bounded time, that the broker answers and the topics exist, before any record is sent or read. */
public final class Preflight {
    /** A failed check, with a one-line message meant for stderr (without the "error: " prefix). */
    public static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private Preflight() {}

    /** Returns the description of each topic, in the given order. */
    public static Map<String, TopicDescription> check(String bootstrap, Collection<String> topics, Duration timeout, String clientId)
            throws Failure {
        return check(bootstrap, Map.of(), topics, timeout, clientId);
    }

    /** As above, with the client security settings {@code security} (from {@code --client-config}). */
    public static Map<String, TopicDescription> check(String bootstrap, Map<String, String> security, Collection<String> topics, Duration timeout,
                                                      String clientId) throws Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.putAll(security);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw new Failure("cannot connect to Kafka at " + bootstrap + ": " + rootMessage(e));
        }
        try {
            try {
                admin.describeCluster().nodes().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                if (e instanceof TimeoutException || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw new Failure("cannot reach Kafka at " + bootstrap + " within " + format(timeout));
                }
                throw new Failure(refusal(bootstrap, e).orElse("cannot reach Kafka at " + bootstrap + ": " + rootMessage(e)));
            }
            Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
            Map<String, TopicDescription> result = new LinkedHashMap<>();
            for (String topic : topics) {
                try {
                    result.put(topic, futures.get(topic).get(remainingMs(deadline), TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new Failure("topic '" + topic + "' does not exist at " + bootstrap);
                    }
                    throw new Failure(refusal(bootstrap, e)
                            .orElse("cannot describe topic '" + topic + "' at " + bootstrap + ": " + rootMessage(e)));
                } catch (TimeoutException e) {
                    throw new Failure("cannot describe topic '" + topic + "' at " + bootstrap + " within " + format(timeout));
                }
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while checking Kafka at " + bootstrap);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * What a security failure means, in one line: the broker's certificate not trusted, the login refused, or an ACL
     * missing; empty when {@code e} is none of those.
     */
    public static java.util.Optional<String> refusal(String bootstrap, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return java.util.Optional.of("TLS handshake with Kafka at " + bootstrap + " failed: " + rootMessage(t)
                        + " (does ssl.truststore.location hold the CA that signed the broker's certificate?)");
            }
            if (t instanceof AuthenticationException) {
                return java.util.Optional.of("Kafka at " + bootstrap + " refused the login: " + firstLine(t)
                        + " (unknown user or wrong password in the client config?)");
            }
            if (t instanceof AuthorizationException) {
                return java.util.Optional.of("not authorized by Kafka at " + bootstrap + ": " + firstLine(t) + " (the user lacks an ACL)");
            }
        }
        return java.util.Optional.empty();
    }

    private static String firstLine(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().lines().findFirst().orElse("");
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
