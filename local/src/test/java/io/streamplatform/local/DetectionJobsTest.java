package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.file.Path;
import java.util.Map;
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
        try (CatalogueRun run = new CatalogueRun(Catalogue.get(job), "failure", RECORDS.get(job))) {
            check(run.throughATaskFailure(dir));
        }
    }

    /** Open windows, streaks and episodes move to three subtasks on RocksDB. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logs", "grid"})
    void aStopWithSavepointAndARestoreAtAnotherParallelismKeepEveryEpisodeAndAggregate(String job) throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get(job), "rescale", RECORDS.get(job))) {
            check(run.throughARescale(dir));
        }
    }

    private static void check(Verifier.Verdict verdict) {
        assertThat(verdict.figures()).containsEntry("precision", "1.000").containsEntry("recall", "1.000");
        assertThat(Long.parseLong(verdict.figures().get("episodes"))).as("episodes injected").isGreaterThanOrEqualTo(3);
    }
}
