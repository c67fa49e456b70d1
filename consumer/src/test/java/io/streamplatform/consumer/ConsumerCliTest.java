package io.streamplatform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.CapturedRun;
import io.streamplatform.clients.KafkaTestBroker;
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
                "--job", "JOB_OPTION", "--idle-timeout", "--settle");
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
