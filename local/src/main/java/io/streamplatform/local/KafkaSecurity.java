package io.streamplatform.local;

import io.streamplatform.common.KafkaAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Local mode's secured Kafka: a throwaway certificate authority and the certificates it signs (made with the JDK's
 * keytool in this run's directory, never anywhere else), the broker's listener settings, and the users and ACLs.
 *
 * <p>The broker's client listener is SASL_SSL with SCRAM-SHA-512, and it answers only users with an ACL
 * ({@code StandardAuthorizer}, nobody allowed by default). Its other two listeners, between the broker and its
 * controller and for local mode's own admin client, are TLS with a client certificate required; the broker's and the
 * admin's certificates are the super users. No listener is plaintext. Passwords and store passwords are random per
 * work directory, kept in files only their owner can read, and never on a command line.
 */
public final class KafkaSecurity {
    /** The mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    static final String BROKER_CN = "platform-broker";
    static final String ADMIN_CN = "platform-admin";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final String storePassword;

    private KafkaSecurity(Path dir, String storePassword) {
        this.dir = dir;
        this.storePassword = storePassword;
    }

    /**
     * The certificates in {@code dir}: made on first use (a CA, the broker's and the admin's certificates it signs),
     * read again afterwards, so a broker started again with its data keeps its certificates.
     */
    public static KafkaSecurity in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path passwordFile = dir.resolve("store.password");
            if (Files.exists(dir.resolve("admin.p12"))) return new KafkaSecurity(dir, Files.readString(passwordFile).strip());
            KafkaSecurity s = new KafkaSecurity(dir, randomSecret());
            writePrivate(passwordFile, s.storePassword);
            s.makeCertificates();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM) clients trust. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    private void makeCertificates() throws IOException {
        Path ca = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=platform-local-ca", "-ext", "bc:c", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "30", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass:file", passwordFile());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass:file", passwordFile(),
                "-file", caCertificate().toString());
        signed("broker", BROKER_CN, "SAN=IP:127.0.0.1,DNS:localhost");
        signed("admin", ADMIN_CN, null);
        Files.delete(ca); // nothing more is signed: the CA's key is not kept
    }

    /** A keystore {@code <name>.p12} with a key whose certificate, for {@code cn}, the CA signs. */
    private void signed(String name, String cn, String san) throws IOException {
        Path store = dir.resolve(name + ".p12"), request = dir.resolve(name + ".csr"), cert = dir.resolve(name + ".crt");
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + cn, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:file", passwordFile());
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass:file", passwordFile(), "-file", request.toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", dir.resolve("ca.p12").toString(),
                "-storepass:file", passwordFile(), "-validity", "30", "-infile", request.toString(), "-outfile", cert.toString()));
        if (san != null) sign.addAll(List.of("-ext", san));
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate().toString(), "-keystore", store.toString(),
                "-storepass:file", passwordFile());
        keytool("-importcert", "-alias", name, "-file", cert.toString(), "-keystore", store.toString(), "-storepass:file", passwordFile());
        Files.delete(request);
        Files.delete(cert);
    }

    private String passwordFile() {
        return dir.resolve("store.password").toString();
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LocalModeException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT.toSeconds() + "s");
            }
            if (p.exitValue() != 0) {
                throw new LocalModeException("making the run's certificates failed: keytool " + args[0] + ": "
                        + new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while making the run's certificates");
        }
    }

    /**
     * The broker's listeners and security settings: {@code CLIENT} (SASL_SSL, SCRAM) on {@code port}, {@code INTERNAL}
     * (TLS, client certificate) on {@code internalPort} between brokers and for the admin, {@code CONTROLLER} (TLS,
     * client certificate) on {@code controllerPort}.
     */
    String serverProperties(int port, int internalPort, int controllerPort) {
        String keystore = dir.resolve("broker.p12").toString();
        return String.join("\n",
                "listeners=CLIENT://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENT://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort,
                "listener.security.protocol.map=CLIENT:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "listener.name.internal.ssl.client.auth=required",
                "listener.name.controller.ssl.client.auth=required",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + keystore,
                "ssl.keystore.password=" + storePassword,
                "ssl.key.password=" + storePassword,
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + caCertificate(),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:CN=" + BROKER_CN + ";User:CN=" + ADMIN_CN,
                "");
    }

    /** The settings of local mode's own admin clients: TLS with the admin's certificate, on the {@code INTERNAL} listener. */
    public Map<String, String> adminSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", "SSL");
        s.put("ssl.keystore.type", "PKCS12");
        s.put("ssl.keystore.location", dir.resolve("admin.p12").toString());
        s.put("ssl.keystore.password", storePassword);
        s.put("ssl.key.password", storePassword);
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caCertificate().toString());
        return s;
    }

    /** A component's client settings: SCRAM over TLS as {@code user}, trusting this run's CA. */
    public Map<String, String> clientSettings(String user, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", "SASL_SSL");
        s.put("sasl.mechanism", MECHANISM);
        s.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";");
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caCertificate().toString());
        return s;
    }

    /** Writes {@link #clientSettings} to {@code file}, readable by its owner only, for {@code --client-config}. */
    public Path writeClientConfig(Path file, String user, String password) {
        StringBuilder text = new StringBuilder("# Kafka client settings of user ").append(user).append(" (local mode, --secure)\n");
        clientSettings(user, password).forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        writePrivate(file, text.toString());
        return file;
    }

    /** A new random password or store password. */
    public static String randomSecret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Creates (or resets the password of) SCRAM user {@code user}. */
    public static void createUser(Admin admin, String user, String password, Duration timeout) {
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all(), timeout, "creating user " + user);
    }

    /** Allows {@code user} what {@code acls} say. */
    public static void grant(Admin admin, String user, Collection<KafkaAccess.Acl> acls, Duration timeout) {
        await(admin.createAcls(acls.stream().map(a -> binding(user, a)).toList()).all(), timeout, "creating the ACLs of " + user);
    }

    /** Takes {@code acls} from {@code user} again. */
    public static void revoke(Admin admin, String user, Collection<KafkaAccess.Acl> acls, Duration timeout) {
        await(admin.deleteAcls(acls.stream().map(a -> binding(user, a).toFilter()).toList()).all(), timeout, "deleting ACLs of " + user);
    }

    /** The Kafka ACL binding allowing {@code user} what {@code acl} says, from any host. */
    public static AclBinding binding(String user, KafkaAccess.Acl acl) {
        ResourceType type = switch (acl.resource()) {
            case TOPIC -> ResourceType.TOPIC;
            case GROUP -> ResourceType.GROUP;
            case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
        };
        PatternType pattern = acl.pattern() == KafkaAccess.Pattern.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
        AclOperation operation = acl.operation() == KafkaAccess.Operation.Read ? AclOperation.READ : AclOperation.WRITE;
        return new AclBinding(new ResourcePattern(type, acl.name(), pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    private static void await(org.apache.kafka.common.KafkaFuture<?> future, Duration timeout, String what) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LocalModeException(what + " did not finish within " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new LocalModeException(what + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalModeException("interrupted while " + what);
        }
    }

    private static void writePrivate(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
