package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendations job on a real broker and a real Flink runtime, with both of its inputs (watches and the
 * compacted catalogue, changing mid-run), proved by its own verifier — every list equal to a batch recomputation from
 * the input read back, dead letters (malformed and unknown videos) exact: through a task failure in the middle of the
 * run, and through a stop with savepoint and a restore at another parallelism on RocksDB.
 */
@ExtendWith(SharedKafka.class)
class RecommendationsJobTest {
    /** About nine hours of event time over 100 users: catalogue changes, TTL resets and users who stop. */
    private static final long RECORDS = 100_000;

    @TempDir
    Path dir;

    @Test
    void aTaskFailureMidRunChangesNoList() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("recommendations"), "failure", RECORDS);
             LocalFlinkCluster flink = new LocalFlinkCluster(2)) {
            assertThat(cleanupPolicy(run.topics.get("videos"))).as("the catalogue topic, created with its role's config").isEqualTo("compact");
            assertThat(cleanupPolicy(run.topics.get("recommendations"))).isEqualTo("compact");
            assertThat(cleanupPolicy(run.topics.get("watches"))).isEqualTo("delete");
            JobID id = flink.submit(run.job(dir, 2, "--fail-once-after", Long.toString(RECORDS / 3)), null);
            flink.awaitRunning(id, Duration.ofSeconds(60));
            run.send(RECORDS);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("both inputs processed and checkpointed").isTrue();
            assertThat(flink.restarts(id)).as("the injected failure restarted the job").isGreaterThanOrEqualTo(1);
            drainAndCheck(run, flink, id);
        }
    }

    @Test
    void aStopWithSavepointAndARestoreAtAnotherParallelismOnRocksDbChangesNoList() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("recommendations"), "rescale", RECORDS);
             LocalFlinkCluster flink = new LocalFlinkCluster(3)) {
            JobID first = flink.submit(run.job(dir, 2), null);
            flink.awaitRunning(first, Duration.ofSeconds(60));
            run.send(RECORDS / 2);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("first half processed").isTrue();
            String savepoint = flink.stopWithSavepoint(first, dir.resolve("savepoints").toUri().toString(), false, Duration.ofSeconds(60));

            // Catalogue versions, waiting watches, open windows, profiles and TTL timers move to three subtasks on RocksDB.
            JobID second = flink.submit(run.job(dir, 3, "--state-backend", "rocksdb"), savepoint);
            flink.awaitRunning(second, Duration.ofSeconds(60));
            run.send(RECORDS - RECORDS / 2);
            assertThat(run.readUntil(run::inputCheckpointed, Duration.ofSeconds(120))).as("second half processed").isTrue();
            drainAndCheck(run, flink, second);
        }
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", SharedKafka.bootstrap()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource).get("cleanup.policy").value();
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
        assertThat(Long.parseLong(verdict.figures().get("lists"))).as("lists emitted").isGreaterThan(1_000);
        assertThat(Long.parseLong(verdict.figures().get("unknown"))).as("watches of unknown videos dead-lettered").isPositive();
        assertThat(verdict.summary()).anySatisfy(line -> assertThat(line).containsPattern("[1-9][0-9]* TTL resets"));
    }
}
