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

/**
 * Events that arrive after their window was emitted: they are still in the normalised output, are dead-lettered
 * as the events they are, and do not change (or re-emit) the window count — with the counts pre-aggregated
 * before the key-by, exactly as the window operator alone would decide.
 */
@ExtendWith(SharedKafka.class)
class LateEventsTest {
    @TempDir
    Path dir;

    @Test
    void lateEventsAreDeadLetteredAndLeaveTheirWindowCountAsEmitted() {
        TestTopics topics = TestTopics.create("late", 4);
        String run = "late-" + System.nanoTime();
        MalformedPlan none = new MalformedPlan(0);
        long base = TestTopics.windowStartAgo(60_000);
        int onTime = 2_000, late = 10, keys = 4;
        // On time: 10 ms apart, 20 s of event time; with 2 s out-of-orderness the windows of the first 15 s fire.
        RunVerifier verifier = new RunVerifier(run, onTime + late, 0, TestTopics.WINDOW_MS);
        TestProducer producer = new TestProducer(topics.input(), run);

        try (LocalFlinkCluster flink = new LocalFlinkCluster(2); OutputReader reader = new OutputReader(topics, verifier)) {
            JobID job = flink.submit(topics.job(run, dir.resolve("checkpoints"), 2, "--idleness", "1s"), null);
            flink.awaitRunning(job, Duration.ofSeconds(60));
            long seq = producer.send(0, onTime, 0, keys, none, i -> base + 10 * i);
            int firedWindows = 3 * keys;
            assertThat(reader.readUntil(() -> verifier.distinct() == onTime && verifier.report().windowsChecked() >= firedWindows,
                    Duration.ofSeconds(60))).as(() -> "on-time events and the first windows out: " + verifier.report() + "; " + flink.describe(job)).isTrue();
            VerificationReport before = verifier.report();
            assertThat(before.windowMismatches()).isZero();

            // Late: event time in the first window, [base, base + 5 s), emitted already.
            producer.send(onTime, onTime + late, seq, keys, none, i -> base + 100 + i);
            assertThat(reader.readUntil(() -> verifier.distinct() == onTime + late && verifier.deadLetters() == late,
                    Duration.ofSeconds(60))).as(() -> "late events in the output and dead-lettered: " + verifier.report() + "; " + flink.describe(job)).isTrue();
            reader.settle(Duration.ofSeconds(2));
            flink.cancel(job);
        }
        VerificationReport after = verifier.report();
        assertThat(after.dlq()).as("each late event dead-lettered once").isEqualTo(late);
        assertThat(after.duplicates()).isZero();
        assertThat(after.windowDuplicates()).as("no window emitted twice").isZero();
        // The verifier expects the late events in their window; the job dead-lettered them instead, so exactly the
        // first window of each key that got a late event differs (all 4 keys got some), and nothing else does.
        assertThat(after.windowMismatches()).as("only the windows that got late events differ: %s", after).isEqualTo(keys);
    }
}
