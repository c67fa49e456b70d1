package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.events.RunVerifier;
import io.streamplatform.common.events.VerificationReport;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Real broker, real Flink: exactly-once output survives a task failure in the middle of the run. */
@ExtendWith(SharedKafka.class)
class ExactlyOnceRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void validEventsComeOutOnceMalformedOnesAreDeadLetteredAndWindowsAddUp() throws Exception {
        runAndVerify("plain", 0);
    }

    @Test
    void aFailureMidRunLeavesNoGapAndNoDuplicate() throws Exception {
        VerificationReport report = runAndVerify("failure", 3_000);
        assertThat(report.out()).isEqualTo(new MalformedPlan(0.02).validIn(10_000));
    }

    private VerificationReport runAndVerify(String name, long failAfter) throws Exception {
        TestTopics topics = TestTopics.create(name, 4);
        String run = name + "-" + System.nanoTime();
        int records = 10_000;
        MalformedPlan plan = new MalformedPlan(0.02);
        long base = TestTopics.windowStartAgo(60_000);

        try (LocalFlinkCluster flink = new LocalFlinkCluster(2)) {
            JobID job = flink.submit(topics.job(run, dir.resolve("checkpoints"), 2, "--fail-once-after", Long.toString(failAfter)), null);
            flink.awaitRunning(job, Duration.ofSeconds(60));

            // Half, then the rest, 2 ms of event time apart: ~20 s of event time, four or five windows per key.
            TestProducer producer = new TestProducer(topics.input(), run);
            long seq = producer.send(0, records / 2, 0, 10, plan, i -> base + 2 * i);
            producer.send(records / 2, records, seq, 10, plan, i -> base + 2 * i);

            RunVerifier verifier = new RunVerifier(run, plan.validIn(records), plan.malformedIn(records), TestTopics.WINDOW_MS);
            try (OutputReader reader = new OutputReader(topics, verifier)) {
                boolean allOut = reader.readUntil(
                        () -> verifier.distinct() == plan.validIn(records) && verifier.deadLetters() == plan.malformedIn(records),
                        Duration.ofSeconds(90));
                assertThat(allOut).as("all events out within 90 s: %s", verifier.report().problems()).isTrue();
                if (failAfter > 0) assertThat(flink.restarts(job)).as("the injected failure restarted the job").isGreaterThanOrEqualTo(1);

                flink.stopWithSavepoint(job, dir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(60));
                assertThat(reader.readUntil(verifier::complete, Duration.ofSeconds(30))).as("windows fired on drain").isTrue();
                reader.settle(Duration.ofSeconds(1));
            }
            VerificationReport report = verifier.report();
            assertThat(report.problems()).isEmpty();
            assertThat(report.passed()).isTrue();
            assertThat(report.windowSum()).isEqualTo(plan.validIn(records));
            return report;
        }
    }
}
