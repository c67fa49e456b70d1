package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steady window of a run from its commits: after the ramp, and up to the last commit at which every worker still
 * had input left — a partition ending early does not end it while its worker has another one.
 */
class ProgressWindowTest {
    private static final long S = 1_000_000_000L;
    /** Four partitions of 100 records each; workers 0 (partitions 0, 2) and 1 (partitions 1, 3). */
    private static final Map<Integer, Long> STOP = Map.of(0, 100L, 1, 100L, 2, 100L, 3, 100L);
    private static final Map<Integer, Integer> TWO_WORKERS = Map.of(0, 0, 1, 1, 2, 0, 3, 1);

    private static Progress.Commit commit(long second, long p0, long p1, long p2, long p3) {
        // CPU: the benchmark JVM spends 1 ms per second of run.
        return new Progress.Commit(second * S, Map.of(0, p0, 1, p1, 2, p2, 3, p3), new CpuSample(second * 1_000_000, second * 500_000, second, 2 * second));
    }

    @Test
    void fromTheFirstCommitAfterTheRampToTheLastWithEveryWorkerBusy() {
        List<Progress.Commit> commits = new ArrayList<>(List.of(
                commit(1, 10, 10, 10, 10),     // within the 2 s ramp
                commit(2, 20, 20, 20, 20),     // the window starts: 80 records
                commit(3, 40, 40, 40, 40),
                commit(4, 100, 60, 60, 60),    // partition 0 is done; worker 0 still has partition 2
                commit(5, 100, 80, 90, 80),    // the window ends: 350 records
                commit(6, 100, 100, 100, 90),  // worker 0 is done
                commit(7, 100, 100, 100, 100)));

        Progress.Window w = Progress.window(commits, STOP, 0, Duration.ofSeconds(2), TWO_WORKERS);

        assertThat(w.seconds()).isEqualTo(3.0);
        assertThat(w.records()).isEqualTo(350 - 80);
        assertThat(w.recordsPerSecond()).isEqualTo(90.0);
        assertThat(w.cpu().jvmMicrosPerEvent()).as("3 ms over 270 records").isEqualTo(Benchmark.round(3000.0 / 270));
    }

    @Test
    void oneWorkerPerPartitionEndsAtTheFirstPartitionsEnd() {
        List<Progress.Commit> commits = List.of(commit(2, 20, 20, 20, 20), commit(3, 40, 40, 40, 40), commit(4, 100, 60, 60, 60),
                commit(5, 100, 80, 90, 80));

        Progress.Window w = Progress.window(commits, STOP, 0, Duration.ofSeconds(2), Map.of(0, 0, 1, 1, 2, 2, 3, 3));

        assertThat(w.seconds()).isEqualTo(1.0);
        assertThat(w.records()).isEqualTo(80);
    }

    @Test
    void noWindowWithoutTwoCommitsInIt() {
        List<Progress.Commit> commits = List.of(commit(1, 10, 10, 10, 10), commit(3, 100, 100, 100, 100));

        assertThat(Progress.window(commits, STOP, 0, Duration.ofSeconds(2), TWO_WORKERS)).isNull();
        assertThat(Progress.window(List.of(), STOP, 0, Duration.ZERO, TWO_WORKERS)).isNull();
    }
}
