package org.apache.flink.connector.kafka.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.bench.ProgressAccess;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's statement of which Flink source subtask reads which partition (its steady windows end when the first
 * subtask runs out of input) against the connector's own rule; in the connector's package to reach it.
 */
class FlinkReadersTest {
    @Test
    void theBenchmarkAssignsPartitionsToReadersAsTheConnectorDoes() {
        for (String topic : List.of("bench-input", "in-lat-flink-full-eo-r1", "events", "x")) {
            for (int parallelism = 1; parallelism <= 5; parallelism++) {
                for (int partition = 0; partition < 8; partition++) {
                    assertThat(ProgressAccess.flinkReader(topic, 8, parallelism, partition)).as(topic + " p=" + parallelism + " partition " + partition)
                            .isEqualTo(KafkaSourceEnumerator.getSplitOwner(new TopicPartition(topic, partition), parallelism));
                }
            }
        }
    }
}
