package io.streamplatform.local;

import io.streamplatform.common.KafkaAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * A real secured Kafka broker for tests, the one local mode's {@code --secure} runs ({@link KafkaSecurity}): SCRAM over
 * TLS for clients, ACLs enforced, no plaintext listener. Users are made with a random password and their client
 * config file returned, so a password is on no command line.
 */
final class SecureKafka implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    final KafkaBroker broker;
    final KafkaSecurity security;
    final Path dir;
    final String bootstrap;
    private final Map<String, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();

    private SecureKafka(KafkaBroker broker, KafkaSecurity security, Path dir) {
        this.broker = broker;
        this.security = security;
        this.dir = dir;
        this.bootstrap = broker.bootstrap();
    }

    static SecureKafka start(Path dir) throws Exception {
        Files.createDirectories(dir);
        KafkaSecurity security = KafkaSecurity.in(dir.resolve("security"));
        KafkaBroker broker = KafkaBroker.start(PlatformHome.locate(), dir.resolve("kafka"), 0, 0, false, security, Duration.ofSeconds(90));
        return new SecureKafka(broker, security, dir);
    }

    /** An admin client with the super user's certificate. */
    Admin admin() {
        return Admin.create(broker.adminConfig(TIMEOUT));
    }

    /** Creates {@code user} with a random password and {@code acls}; returns the path of its client config file. */
    Path user(String user, Collection<KafkaAccess.Acl> acls) {
        String password = KafkaSecurity.randomSecret();
        passwords.put(user, password);
        try (Admin admin = admin()) {
            KafkaSecurity.createUser(admin, user, password, TIMEOUT);
            if (!acls.isEmpty()) KafkaSecurity.grant(admin, user, acls, TIMEOUT);
        }
        return security.writeClientConfig(dir.resolve(user + ".properties"), user, password);
    }

    /** The password of a user made by {@link #user}, for checking that it leaks nowhere. */
    String password(String user) {
        return passwords.get(user);
    }

    @Override
    public void close() {
        broker.close();
    }
}
