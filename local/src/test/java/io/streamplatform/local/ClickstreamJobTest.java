package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clickstream job on a real broker and a real Flink runtime, proved by its verifier (every session, funnel and
 * trending window, as the upsert topics hold them at the end, equal to a recomputation from the input read back; the
 * too-late clicks dead-lettered, nothing else): through a task failure in the middle of the run, and through a stop
 * with savepoint and a restore at another parallelism on another state backend.
 */
@ExtendWith(SharedKafka.class)
class ClickstreamJobTest {
    private static final long RECORDS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aTaskFailureMidRunLeavesTheSameSessionsFunnelsAndTrending() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("clickstream"), "failure", RECORDS)) {
            check(run.throughATaskFailure(dir));
        }
    }

    /** Open sessions and windows, the sessions already written and the too-late gate's watermark move to three subtasks on RocksDB. */
    @Test
    void aStopWithSavepointAndARestoreAtAnotherParallelismKeepEveryOpenSessionAndWindow() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("clickstream"), "rescale", RECORDS)) {
            check(run.throughARescale(dir));
        }
    }

    private static void check(Verifier.Verdict verdict) {
        assertThat(Long.parseLong(verdict.figures().get("too_late"))).as("too-late clicks dead-lettered").isPositive();
        assertThat(Long.parseLong(verdict.figures().get("sessions"))).isGreaterThan(1_000);
    }
}
