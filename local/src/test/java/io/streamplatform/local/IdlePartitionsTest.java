package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.MalformedPlan;
import io.streamplatform.common.events.RunVerifier;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three of four partitions never get an event: with idleness they stop holding back the watermark, so the
 * windows of the one busy partition fire while the job keeps running (no drain, no stop).
 */
@ExtendWith(SharedKafka.class)
class IdlePartitionsTest {
    @TempDir
    Path dir;

    @Test
    void windowsFireWhileMostPartitionsAreIdle() {
        TestTopics topics = TestTopics.create("idle", 4);
        String run = "idle-" + System.nanoTime();
        MalformedPlan none = new MalformedPlan(0);
        long base = TestTopics.windowStartAgo(60_000);
        // 3 000 events, 10 ms apart: 30 s of event time, so the watermark passes the first windows' ends.
        int records = 3_000;
        RunVerifier verifier = new RunVerifier(run, records, 0, TestTopics.WINDOW_MS);

        try (LocalFlinkCluster flink = new LocalFlinkCluster(2); OutputReader reader = new OutputReader(topics, verifier)) {
            JobID job = flink.submit(topics.job(run, dir.resolve("checkpoints"), 2, "--idleness", "1s"), null);
            flink.awaitRunning(job, Duration.ofSeconds(60));
            new TestProducer(topics.input(), run, 0).send(0, records, 0, 4, none, i -> base + 10 * i);

            boolean firstWindowsOut = reader.readUntil(() -> verifier.report().windowsChecked() >= 4, Duration.ofSeconds(60));
            assertThat(firstWindowsOut).as(() -> "windows fired with 3 idle partitions: " + verifier.report() + "; " + flink.describe(job)).isTrue();
            assertThat(flink.status(job).isGloballyTerminalState()).as("the job is still running").isFalse();
            assertThat(verifier.report().windowMismatches()).isZero();
            flink.cancel(job);
        }
    }
}
