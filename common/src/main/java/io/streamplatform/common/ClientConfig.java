package io.streamplatform.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka client security settings of a component, read from a Java properties file the way the Kafka tools read
 * {@code --command-config}: {@code --client-config FILE}, or the file named by the environment variable
 * {@value #ENV} when the option is not given. Every Kafka client of the component (producer, consumer, admin) gets
 * these settings.
 *
 * <p>Only security settings are accepted — {@code security.protocol}, {@code ssl.*} and {@code sasl.*}, and Kafka's
 * config providers ({@code config.providers*}), which let a value name where the secret is (e.g.
 * {@code sasl.jaas.config=${env:KAFKA_SASL_JAAS_CONFIG}}, as the Kubernetes renderers write it) — so the file cannot
 * silently override what the component relies on (transactions, isolation level, offsets); those stay the
 * component's own options. Values are never printed: a problem names the file and the key, not the value.
 */
public final class ClientConfig {
    /** The option naming the file. */
    public static final String OPTION = "--client-config";
    /** The environment variable naming the file when the option is not given. */
    public static final String ENV = "KAFKA_CLIENT_CONFIG";
    /** The key prefixes (and the one key) a client config file may set. */
    private static final String CONFIG_PROVIDERS = "config.providers";
    private static final Set<String> PREFIXES = Set.of("ssl.", "sasl.", CONFIG_PROVIDERS + ".");
    private static final String SECURITY_PROTOCOL = "security.protocol";
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /** A bad client config file, with a one-line message naming the file and what is wrong (never a value). */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    private ClientConfig() {}

    /** The settings of {@code file}; an empty map when {@code file} is null or blank (no security settings). */
    public static Map<String, String> load(String file) {
        if (file == null || file.isBlank()) return Map.of();
        Path path = Path.of(file.strip());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new Invalid(OPTION + ": no such file " + path);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape; the message quotes no value
            throw new Invalid(OPTION + ": cannot read " + path + ": " + (e instanceof IOException ? e.getClass().getSimpleName() + " " + e.getMessage()
                    : "malformed escape"));
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String value = p.getProperty(key).strip();
            if (!allowed(key)) {
                throw new Invalid(OPTION + ": " + path + " sets '" + key + "'; only security.protocol, ssl.*, sasl.* and config.providers* are accepted "
                        + "(other client settings are the component's own options)");
            }
            if (value.isEmpty()) throw new Invalid(OPTION + ": " + path + " gives '" + key + "' no value");
            if (key.equals(SECURITY_PROTOCOL) && !PROTOCOLS.contains(value.toUpperCase(Locale.ROOT))) {
                throw new Invalid(OPTION + ": " + path + ": security.protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
            }
            settings.put(key, value);
        }
        return Collections.unmodifiableMap(settings);
    }

    /** Whether {@code key} holds a secret (a password, or a JAAS config with one), which must not be on a command line. */
    public static boolean secret(String key) {
        return key.equals("sasl.jaas.config") || key.endsWith(".password");
    }

    /** Whether a client config file may set {@code key}. */
    public static boolean allowed(String key) {
        return key.equals(SECURITY_PROTOCOL) || key.equals(CONFIG_PROVIDERS) || PREFIXES.stream().anyMatch(key::startsWith);
    }
}
