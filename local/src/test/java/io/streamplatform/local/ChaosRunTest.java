package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pipeline chaos} at CI size: the events job on real separate processes (three KRaft brokers, a Flink
 * JobManager and two TaskManagers from Flink's standalone entry points, S3Proxy holding the checkpoints) through
 * every fault, verified by the real consumer; and, interrupted, it leaves no process behind.
 */
class ChaosRunTest {

    @Test
    void survivesEveryFaultWithNothingLostOrDoubled() {
        PipelineRun run = PipelineRun.of("chaos", "--seed", "7", "--gap", "3s", "--pause", "35s", "--events", "150000", "--rate", "1000",
                "--quiet");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<Map<String, String>> faults = run.out().lines().filter(l -> l.startsWith("RESULT fault="))
                .map(l -> ChildOutput.keyValues(l.substring("RESULT ".length()))).toList();
        assertThat(faults).extracting(f -> f.get("kind")).containsExactly("tm-kill", "leader-kill", "broker-pause", "jm-kill");
        assertThat(faults).allSatisfy(f -> {
            assertThat(f).containsEntry("survived", "true");
            assertThat(Double.parseDouble(f.get("recovery_s"))).isPositive();
            assertThat(Double.parseDouble(f.get("readers_held_s"))).isLessThanOrEqualTo(Double.parseDouble(f.get("transaction_timeout_s")));
        });
        assertThat(run.out()).contains("Resumed the job from its latest retained checkpoint s3://flink/checkpoints/");
        String result = run.out().lines().filter(l -> l.startsWith("RESULT run=")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "150000").containsEntry("out", "148500").containsEntry("dlq", "1500")
                .containsEntry("missing", "0").containsEntry("duplicates", "0").containsEntry("window_errors", "0")
                .containsEntry("seed", "7").containsEntry("faults", "4").containsEntry("survived", "4").containsEntry("verdict", "PASS");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> p.pid() != SharedKafka.pid())
                .map(p -> p.info().commandLine().orElse("?")))
                .as("child processes left behind").isEmpty();
    }

    @Test
    void aProducerThatEndsBeforeTheFaultsFailsTheRunSayingSo() {
        PipelineRun run = PipelineRun.of("chaos", "--faults", "tm-kill", "--gap", "60s", "--events", "2000", "--rate", "1000", "--quiet");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("RESULT run=", "faults=1 survived=0 verdict=FAIL",
                "the producer finished before fault 1 (tm-kill); give more --events");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> p.pid() != SharedKafka.pid()))
                .as("child processes left behind").isEmpty();
    }

    @Test
    void endsEveryProcessItStartedWhenInterrupted() throws Exception {
        PipelineProcess chaos = PipelineProcess.start("chaos", "--faults", "jm-kill", "--gap", "60s", "--events", "100000", "--rate", "500");
        try {
            chaos.awaitLine("["); // the first progress line: the producer runs too
            List<ProcessHandle> children = chaos.process.descendants().toList();
            assertThat(children.stream().map(p -> p.info().commandLine().orElse("")))
                    .as("brokers, JobManager, TaskManagers, S3 store, producer and consumer")
                    .filteredOn(c -> c.contains("kafka.Kafka")).hasSize(3);
            assertThat(children).hasSizeGreaterThanOrEqualTo(9);
            PipelineProcess.Ended ended = chaos.interrupt();
            assertThat(ended.code()).as(ended.output()).isNotZero();
            assertThat(children).as("processes left behind").noneMatch(ProcessHandle::isAlive);
        } finally {
            chaos.end();
        }
    }
}
