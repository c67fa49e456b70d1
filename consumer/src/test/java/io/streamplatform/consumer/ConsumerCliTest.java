package io.streamplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Command-line behaviour that needs no broker: help, usage errors, an unreachable broker. */
class ConsumerCliTest {
    record Result(int code, String out, String err, long elapsedMs) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = ConsumerApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void helpListsEveryFlag() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--bootstrap", "BOOTSTRAP_SERVERS", "--topic", "--group", "--from", "--max-records",
                "--duration", "--timeout", "--progress-interval", "--verify", "--run-id", "--expect-valid", "--expect-malformed",
                "--window-ms", "--normalized-topic", "--counts-topic", "--dlq-topic", "--idle-timeout", "--settle");
    }

    @Test
    void unknownFlagIsAUsageError() {
        Result r = run("--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("error: Unknown option: '--bogus'").contains("Usage: consumer");
    }

    @Test
    void verifyNeedsItsExpectations() {
        Result r = run("--verify", "--expect-valid", "10", "--expect-malformed", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--verify needs --run-id").contains("Usage: consumer");
        assertThat(run("--verify", "--run-id", "r", "--expect-malformed", "0").err()).contains("--verify needs --expect-valid");
        assertThat(run("--from", "middle").code()).isEqualTo(2);
    }

    @Test
    void unreachableBrokerFailsWithinTheTimeout() throws Exception {
        int closedPort = KafkaTestBroker.freePort();
        Result r = run("--bootstrap", "127.0.0.1:" + closedPort, "--verify", "--run-id", "r", "--expect-valid", "1",
                "--expect-malformed", "0", "--timeout", "4s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 4s");
        assertThat(r.out()).doesNotContain("VERIFY");
        assertThat(r.elapsedMs()).isLessThan(30_000);
    }
}
