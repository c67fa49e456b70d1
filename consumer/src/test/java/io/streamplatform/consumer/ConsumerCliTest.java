package io.streamplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.CapturedRun;
import io.streamplatform.clients.KafkaTestBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Command-line behaviour that needs no broker: help, usage errors, an unreachable broker. */
class ConsumerCliTest {
    static CapturedRun run(String... args) {
        return CapturedRun.of((out, err) -> ConsumerApp.run(args, out, err));
    }

    @Test
    void helpListsEveryFlag() {
        CapturedRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--bootstrap", "BOOTSTRAP_SERVERS", "--topic", "--group", "--from", "--max-records",
                "--duration", "--timeout", "--progress-interval", "--verify", "--run-id", "--expect-valid", "--expect-malformed",
                "--job", "JOB_OPTION", "--idle-timeout", "--settle", "--metrics-port", "CONSUMER_METRICS_PORT", "--metrics-host",
                "CONSUMER_METRICS_HOST", "default 127.0.0.1");
    }

    /** The process, its metrics port from the environment and taken: one line on stderr, exit code 2, no stack trace. */
    @Test
    void aBusyMetricsPortFromTheEnvironmentIsOneLineAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ConsumerApp.class.getName(), "--bootstrap", "127.0.0.1:1", "--topic", "t");
            pb.environment().put("CONSUMER_METRICS_PORT", String.valueOf(port));
            Process p = pb.start();
            try {
                String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isEqualTo(2);
                assertThat(stderr).isEqualTo("error: cannot serve metrics on 127.0.0.1:" + port + ": Address already in use" + System.lineSeparator());
                assertThat(stdout).isEmpty();
            } finally {
                p.destroyForcibly();
            }
        }
        CapturedRun bad = run("--metrics-port", "-1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("error: --metrics-port must be in [0,65535], got -1").contains("Usage: consumer");
    }

    @Test
    void unknownFlagIsAUsageError() {
        CapturedRun r = run("--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("error: Unknown option: '--bogus'").contains("Usage: consumer");
    }

    @Test
    void verifyNeedsItsExpectations() {
        CapturedRun r = run("--verify", "--expect-valid", "10", "--expect-malformed", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--verify needs --run-id").contains("Usage: consumer");
        assertThat(run("--verify", "--run-id", "r", "--expect-malformed", "0").err()).contains("--verify needs --expect-valid");
        assertThat(run("--from", "middle").code()).isEqualTo(2);
    }

    @Test
    void unreachableBrokerFailsWithinTheTimeout() throws Exception {
        int closedPort = KafkaTestBroker.freePort();
        CapturedRun r = run("--bootstrap", "127.0.0.1:" + closedPort, "--verify", "--run-id", "r", "--expect-valid", "1",
                "--expect-malformed", "0", "--timeout", "4s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 4s");
        assertThat(r.out()).doesNotContain("VERIFY");
        assertThat(r.elapsedMs()).isLessThan(30_000);
    }
}
