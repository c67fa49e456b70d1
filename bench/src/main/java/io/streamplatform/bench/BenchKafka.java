package io.streamplatform.bench;

import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.local.KafkaBroker;
import io.streamplatform.local.KafkaSecurity;
import io.streamplatform.local.LocalUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * A broker of the run as the benchmark's clients reach it. The plaintext broker: every client alike, no security
 * settings. The secured broker ({@code secure} group; local mode's {@code --secure} broker, {@link KafkaSecurity}):
 * the benchmark's admin client (topics, reading output back to verify it) with the admin's certificate on the admin
 * listener; every other client — loader and latency producer, copy, job, latency consumer — as a SCRAM-SHA-512 user
 * of its own over TLS on the client listener, allowed only what it needs.
 */
final class BenchKafka {
    /** The loader of the input and the latency probe's producer. */
    static final String PRODUCER = "producer";
    /** The copy baseline (consumer and producer). */
    static final String COPY = "copy";
    /** The latency probe's consumer. */
    static final String READER = "reader";

    final long pid;
    /** Where the components connect: the plaintext listener, or the secured one's SCRAM-over-TLS client listener. */
    final String bootstrap;
    final Endpoint admin;
    /** Each user's client config file (none on the plaintext broker). */
    private final Map<String, Path> files;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** Each user's ACLs (none on the plaintext broker). */
    final Map<String, List<KafkaAccess.Acl>> acls;

    private BenchKafka(KafkaBroker broker, Map<String, Path> files, Map<String, List<KafkaAccess.Acl>> acls) {
        this.pid = broker.pid();
        this.bootstrap = broker.bootstrap();
        this.admin = new Endpoint(broker.adminBootstrap(), broker.adminSettings());
        this.files = files;
        this.acls = acls;
        files.forEach((user, file) -> endpoints.put(user, new Endpoint(bootstrap, ClientConfig.load(file.toString()))));
    }

    static BenchKafka plaintext(KafkaBroker broker) {
        return new BenchKafka(broker, Map.of(), Map.of());
    }

    /** The secured {@code broker} with the users in {@code acls}, each allowed what its list says; their files in {@code dir}. */
    static BenchKafka secured(KafkaBroker broker, KafkaSecurity security, Path dir, Map<String, List<KafkaAccess.Acl>> acls,
                              Duration timeout) {
        LocalUsers users = LocalUsers.create(broker, security, dir, acls, timeout);
        return new BenchKafka(broker, users.files(), users.acls());
    }

    boolean secured() {
        return !files.isEmpty();
    }

    /** How {@code user}'s clients connect; on the plaintext broker, as anyone. */
    Endpoint as(String user) {
        if (!secured()) return Endpoint.plaintext(bootstrap);
        Endpoint e = endpoints.get(user);
        if (e == null) throw new IllegalStateException("no Kafka user " + user + " on the secured broker");
        return e;
    }

    /** {@code user}'s client config file for {@code --client-config}, or null on the plaintext broker. */
    Path clientConfig(String user) {
        if (!secured()) return null;
        Path file = files.get(user);
        if (file == null) throw new IllegalStateException("no Kafka user " + user + " on the secured broker");
        return file;
    }

    /**
     * Proves the client listener authenticates: {@code user} with a wrong password is refused with an authentication
     * error. Returns that error's message.
     */
    String refuseWrongPassword(KafkaSecurity security, String user, Duration timeout) {
        Map<String, Object> c = new Endpoint(bootstrap, security.clientSettings(user, KafkaSecurity.randomSecret())).config(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis())));
        try (Admin a = Admin.create(c)) {
            a.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new BenchException("the secured broker at " + bootstrap + " answered user " + user + " with a wrong password");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException refused) return refused.getMessage();
            throw new BenchException("a wrong password at " + bootstrap + " failed otherwise than by authentication: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BenchException("the secured broker at " + bootstrap + " did not answer a wrong password within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }
}
