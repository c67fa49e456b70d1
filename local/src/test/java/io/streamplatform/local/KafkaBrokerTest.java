package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
    /** One id in 64 started with '-' before this was fixed, and the storage tool then failed to format. */
    @Test
    void clusterIdsAreNeverReadAsAnOption() {
        IntStream.range(0, 5_000).mapToObj(i -> KafkaBroker.clusterId()).forEach(id -> {
            assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
        });
    }
}
