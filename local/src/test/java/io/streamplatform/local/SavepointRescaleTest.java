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
 * Stop with a savepoint at parallelism 2 (hashmap state), restart from it at parallelism 3 (RocksDB): a window that holds events from
 * before and after the restart is counted once and right (its state moved across the rescale), and nothing
 * is lost or duplicated.
 */
@ExtendWith(SharedKafka.class)
class SavepointRescaleTest {
    @TempDir
    Path dir;

    @Test
    void windowCountsContinueAcrossAStopWithSavepointAndARescale() throws Exception {
        TestTopics topics = TestTopics.create("rescale", 4);
        String run = "rescale-" + System.nanoTime();
        MalformedPlan plan = new MalformedPlan(0.01);
        long base = TestTopics.windowStartAgo(120_000);
        // 1 ms of event time per record: batch 1 covers [base, base+6 s), batch 2 [base+6 s, base+15 s).
        // The window [base+5 s, base+10 s) gets events from both batches.
        int batch1 = 6_000, total = 15_000;
        TestProducer producer = new TestProducer(topics.input(), run);
        RunVerifier verifier = new RunVerifier(run, plan.validIn(total), plan.malformedIn(total), TestTopics.WINDOW_MS);

        try (LocalFlinkCluster flink = new LocalFlinkCluster(3); OutputReader reader = new OutputReader(topics, verifier)) {
            JobID first = flink.submit(topics.job(run, dir.resolve("checkpoints"), 2), null);
            flink.awaitRunning(first, Duration.ofSeconds(60));
            long seq = producer.send(0, batch1, 0, 8, plan, i -> base + i);
            long validInBatch1 = plan.validIn(batch1);
            assertThat(reader.readUntil(() -> verifier.distinct() == validInBatch1, Duration.ofSeconds(60)))
                    .as("batch 1 out before the savepoint").isTrue();
            String savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints").toUri().toString(), false, Duration.ofSeconds(60));

            // Restored at parallelism 3 on RocksDB (the clusters' backend): a canonical savepoint moves between backends.
            JobID second = flink.submit(topics.job(run, dir.resolve("checkpoints"), 3, "--state-backend", "rocksdb"), savepoint);
            flink.awaitRunning(second, Duration.ofSeconds(60));
            producer.send(batch1, total, seq, 8, plan, i -> base + i);
            assertThat(reader.readUntil(() -> verifier.distinct() == plan.validIn(total), Duration.ofSeconds(60)))
                    .as("batch 2 out after the restore").isTrue();
            flink.stopWithSavepoint(second, dir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(60));
            assertThat(reader.readUntil(verifier::complete, Duration.ofSeconds(30))).as("all windows fired").isTrue();
            reader.settle(Duration.ofSeconds(1));
        }
        VerificationReport report = verifier.report();
        assertThat(report.problems()).isEmpty();
        assertThat(report.windowsChecked()).as("windows [base, base+15 s) for 8 keys").isEqualTo(3 * 8);
        assertThat(report.windowSum()).isEqualTo(plan.validIn(total));
    }
}
