package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pipeline --secure}: the broker local mode starts is secured (SCRAM over TLS, ACLs, no plaintext listener),
 * the producer, the job and the verifier each run as a user of their own with only the ACLs it needs, and the verified
 * run passes; no password is in the output or a log, the files holding them are the owner's only.
 */
class SecureModeTest {
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    @Test
    void theVerifiedRunPassesUnderAUserPerComponent() throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath());
        Path work = Files.createTempDirectory(base, "secure-mode-");
        PipelineRun run = PipelineRun.of("--secure", "--events", "3000", "--rate", "0", "--partitions", "2", "--checkpoint-interval", "500ms",
                "--quiet", "--work-dir", work.toString(), "--keep");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("SCRAM-SHA-512 over TLS, ACLs", "verdict=PASS")
                .containsPattern("Users and ACLs: producer: Write topic events; job-events: Read topic events, Read group local-run-[0-9a-f]+, "
                        + "Write topic events-normalized, Write topic event-counts, Write topic events-dlq, Write transactionalId local-run-[0-9a-f]+\\*; "
                        + "verifier: Read topic events-normalized, Read topic event-counts, Read topic events-dlq");

        Properties server = new Properties();
        try (var in = Files.newBufferedReader(work.resolve("kafka/server.properties"))) {
            server.load(in);
        }
        assertThat(server.getProperty("listener.security.protocol.map")).isEqualTo("CLIENT:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
        assertThat(server.getProperty("authorizer.class.name")).endsWith("StandardAuthorizer");

        List<String> secrets = new ArrayList<>();
        secrets.add(server.getProperty("ssl.keystore.password"));
        try (Stream<Path> files = Files.list(work.resolve("security"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".properties")).toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
                Matcher m = PASSWORD.matcher(Files.readString(f));
                assertThat(m.find()).as(f + " holds a password").isTrue();
                secrets.add(m.group(1));
            }
        }
        assertThat(secrets).hasSize(4).doesNotContainNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("kafka/server.properties")))).isEqualTo("rw-------");
        List<Path> logs;
        try (Stream<Path> files = Files.walk(work)) {
            logs = files.filter(Files::isRegularFile).filter(f -> !f.startsWith(work.resolve("kafka/data")))
                    .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList();
        }
        assertThat(logs).isNotEmpty();
        for (String secret : secrets) {
            assertThat(run.out() + run.err()).doesNotContain(secret);
            for (Path log : logs) assertThat(Files.readString(log)).as(log.toString()).doesNotContain(secret);
        }
    }

    @Test
    void secureStartsItsOwnBroker() {
        PipelineRun run = PipelineRun.of("--secure", "--bootstrap", "127.0.0.1:9092");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --secure starts a broker of its own; against --bootstrap give --client-config FILE");
    }
}
