package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.Verifier;
import java.nio.file.Path;
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
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("recommendations"), "failure", RECORDS)) {
            assertThat(cleanupPolicy(run.topics.get("videos"))).as("the catalogue topic, created with its role's config").isEqualTo("compact");
            assertThat(cleanupPolicy(run.topics.get("recommendations"))).isEqualTo("compact");
            assertThat(cleanupPolicy(run.topics.get("watches"))).isEqualTo("delete");
            check(run.throughATaskFailure(dir));
        }
    }

    /** Catalogue versions, waiting watches, open windows, profiles and TTL timers move to three subtasks on RocksDB. */
    @Test
    void aStopWithSavepointAndARestoreAtAnotherParallelismOnRocksDbChangesNoList() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("recommendations"), "rescale", RECORDS)) {
            check(run.throughARescale(dir));
        }
    }

    private static String cleanupPolicy(String topic) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", SharedKafka.bootstrap()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource).get("cleanup.policy").value();
        }
    }

    private static void check(Verifier.Verdict verdict) {
        assertThat(Long.parseLong(verdict.figures().get("lists"))).as("lists emitted").isGreaterThan(1_000);
        assertThat(Long.parseLong(verdict.figures().get("unknown"))).as("watches of unknown videos dead-lettered").isPositive();
        assertThat(verdict.summary()).anySatisfy(line -> assertThat(line).containsPattern("[1-9][0-9]* TTL resets"));
    }
}
