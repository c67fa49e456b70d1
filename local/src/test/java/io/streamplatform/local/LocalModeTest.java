package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local mode as a user runs it ({@code ./pipeline}): its own real Kafka broker, the job on a real local
 * Flink runtime, the producer and verifying consumer jars as child JVMs.
 */
class LocalModeTest {

    @ParameterizedTest(name = "delivery {0}")
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void runsTheWholePipelineVerifiesItAndLeavesNoProcessBehind(String delivery) {
        Run run = run("--events", "20000", "--rate", "0", "--malformed-fraction", "0.01", "--delivery", delivery,
                "--checkpoint-interval", "500ms", "--window", "2s", "--quiet");

        assertThat(run.exit).as(run.out + run.err).isZero();
        String result = run.out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "20000").containsEntry("out", "19800").containsEntry("dlq", "200")
                .containsEntry("missing", "0").containsEntry("duplicates", "0").containsEntry("window_errors", "0")
                .containsEntry("verdict", "PASS");
        assertThat(kv).containsKeys("records_per_s", "p50_ms", "p99_ms");
        assertThat(Long.parseLong(kv.get("windows"))).isPositive();
        assertThat(run.out).contains("Local pipeline run", "PASS").doesNotContain("] produced"); // --quiet: no progress lines
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> p.pid() != SharedKafka.pid())
                .map(p -> p.info().commandLine().orElse("?")))
                .as("child processes left behind").isEmpty();
    }

    @Test
    @ExtendWith(SharedKafka.class)
    void pointsAtAnExistingBrokerWithBootstrap() {
        Run run = run("--bootstrap", SharedKafka.bootstrap(), "--events", "5000", "--rate", "0", "--partitions", "2",
                "--checkpoint-interval", "500ms", "--quiet");
        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).doesNotContain("Starting a Kafka broker").contains("Kafka at " + SharedKafka.bootstrap(), "verdict=PASS");
    }

    @Test
    void badFlagsPrintTheProblemAndUsage() {
        Run run = run("--events", "-5");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("error: --events must be > 0", "Usage: pipeline");

        Run help = run("--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("Usage: pipeline", "--delivery", "--bootstrap");

        Run unknown = run("--no-such-option");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void anUnreachableBrokerIsAOneLineErrorWithinTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        Run run = run("--bootstrap", "127.0.0.1:" + closedPort, "--connect-timeout", "3s");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 3s");
        assertThat(seconds).as("seconds until the error").isLessThan(30);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LocalPipeline.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
