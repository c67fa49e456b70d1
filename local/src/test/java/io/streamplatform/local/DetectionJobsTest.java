package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalogue's detection jobs on a real broker and a real Flink runtime, each proved by its own verifier (aggregates
 * equal to a recomputation from the input read back, alerts exactly the injected episodes): through a task failure in
 * the middle of the run, and through a stop with savepoint and a restore at another parallelism on another state backend.
 */
@ExtendWith(SharedKafka.class)
class DetectionJobsTest {
    /** Enough input for every kind of injected episode with room before the end. */
    private static final Map<String, Long> RECORDS = Map.of("logs", 100_000L, "grid", 100_000L);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logs", "grid"})
    void aTaskFailureMidRunLosesNoAlertAndDoublesNone(String job) throws Exception {
        long records = RECORDS.get(job);
        try (CatalogueRun run = new CatalogueRun(Catalogue.get(job), "failure", records);
             LocalFlinkCluster flink = new LocalFlinkCluster(2)) {
            JobID id = flink.submit(run.job(dir, 2, "--fail-once-after", Long.toString(records / 3)), null);
            flink.awaitRunning(id, Duration.ofSeconds(60));
            run.send(records);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("input processed and checkpointed").isTrue();
            assertThat(flink.restarts(id)).as("the injected failure restarted the job").isGreaterThanOrEqualTo(1);
            drainAndCheck(run, flink, id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logs", "grid"})
    void aStopWithSavepointAndARestoreAtAnotherParallelismKeepEveryEpisodeAndAggregate(String job) throws Exception {
        long records = RECORDS.get(job);
        try (CatalogueRun run = new CatalogueRun(Catalogue.get(job), "rescale", records);
             LocalFlinkCluster flink = new LocalFlinkCluster(3)) {
            JobID first = flink.submit(run.job(dir, 2), null);
            flink.awaitRunning(first, Duration.ofSeconds(60));
            run.send(records / 2);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("first half processed").isTrue();
            String savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints").toUri().toString(), false, Duration.ofSeconds(60));

            // Open windows, streaks and episodes move to three subtasks on RocksDB (a canonical savepoint changes backends).
            JobID second = flink.submit(run.job(dir, 3, "--state-backend", "rocksdb"), savepoint);
            flink.awaitRunning(second, Duration.ofSeconds(60));
            run.send(records - records / 2);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("second half processed").isTrue();
            drainAndCheck(run, flink, second);
        }
    }

    /** A draining stop fires the last windows; then the verifier must find the run complete and pass it. */
    private void drainAndCheck(CatalogueRun run, LocalFlinkCluster flink, JobID id) {
        flink.stopWithSavepoint(id, dir.resolve("savepoints").toUri().toString(), true, Duration.ofSeconds(60));
        boolean complete = run.readUntil(run.verifier::complete, Duration.ofSeconds(60));
        run.settle(Duration.ofSeconds(1));
        Verifier.Verdict verdict = run.verifier.verdict();
        assertThat(complete).as("complete: %s", verdict.problems()).isTrue();
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.figures()).containsEntry("precision", "1.000").containsEntry("recall", "1.000");
        assertThat(Long.parseLong(verdict.figures().get("episodes"))).as("episodes injected").isGreaterThanOrEqualTo(3);
    }
}
