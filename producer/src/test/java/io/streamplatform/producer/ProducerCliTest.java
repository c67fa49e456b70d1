package io.streamplatform.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.clients.CapturedRun;
import io.streamplatform.clients.KafkaTestBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Command-line behaviour that needs no broker: help, usage errors, an unreachable broker. */
class ProducerCliTest {
    static CapturedRun run(String... args) {
        return CapturedRun.of((out, err) -> ProducerApp.run(args, out, err));
    }

    @Test
    void helpListsEveryFlag() {
        CapturedRun r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--bootstrap", "BOOTSTRAP_SERVERS", "--job", "--topic", "--run-id", "--count", "--duration", "--rate",
                "--keys", "--text-bytes", "--malformed-fraction", "--seed", "--input", "--transactional-id", "--tx-interval",
                "--acks", "--progress-interval", "--timeout", "--delivery-timeout", "--metrics-port", "PRODUCER_METRICS_PORT",
                "--metrics-host", "PRODUCER_METRICS_HOST", "default 127.0.0.1");
    }

    @Test
    void aBusyMetricsPortIsOneLineAndExitCode2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CapturedRun r = run("--bootstrap", "127.0.0.1:1", "--count", "10", "--metrics-port", String.valueOf(port));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("error: cannot serve metrics on 127.0.0.1:" + port + ": Address already in use" + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
        CapturedRun bad = run("--metrics-port", "65536");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("error: --metrics-port must be in [0,65535], got 65536").contains("Usage: producer");
    }

    @Test
    void unknownFlagIsAUsageError() {
        CapturedRun r = run("--no-such-flag");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("error: Unknown option: '--no-such-flag'").contains("Usage: producer");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(run("--malformed-fraction", "1.5").err()).contains("--malformed-fraction must be in [0,1]");
        assertThat(run("--malformed-fraction", "1.5").code()).isEqualTo(2);
        assertThat(run("--rate", "-1").code()).isEqualTo(2);
        assertThat(run("--keys", "0").code()).isEqualTo(2);
        assertThat(run("--count", "-3").code()).isEqualTo(2);
        CapturedRun badDuration = run("--duration", "3 fortnights");
        assertThat(badDuration.code()).isEqualTo(2);
        assertThat(badDuration.err()).contains("is not a duration");
    }

    @Test
    void aDurationWithoutUnitAndAnUnknownJobAreUsageErrors() {
        CapturedRun bare = run("--duration", "7");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("'7' has no unit");
        CapturedRun job = run("--job", "nope");
        assertThat(job.code()).isEqualTo(2);
        assertThat(job.err()).contains("error: unknown job 'nope' (known: events");
    }

    @Test
    void unreachableBrokerFailsWithinTheTimeout() throws Exception {
        int closedPort = KafkaTestBroker.freePort();
        CapturedRun r = run("--bootstrap", "127.0.0.1:" + closedPort, "--count", "10", "--timeout", "4s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 4s");
        assertThat(r.out()).doesNotContain("SUMMARY");
        assertThat(r.elapsedMs()).isLessThan(30_000);
    }
}
