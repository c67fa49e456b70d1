package io.streamplatform.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The events job's options through its own parser. */
class EventsOptionsTest {
    private final EventsDefinition events = new EventsDefinition();

    @Test
    void defaultsAreExactlyOnceAndLeaveClusterOptionsUnset() {
        EventsOptions c = events.parse();
        assertThat(c.delivery).isEqualTo(JobOptions.Delivery.EXACTLY_ONCE);
        assertThat(c.parallelism).isNull();
        assertThat(c.stateBackend).isNull();
        assertThat(c.checkpointDir).isNull();
        assertThat(c.transactionalIdPrefix()).isEqualTo(c.groupId);
        assertThat(c.transactionTimeout).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void parsesTheArgumentsAFlinkDeploymentPasses() {
        EventsOptions c = events.parse("--bootstrap", "kafka:9092", "--input-topic", "in", "--output-topic", "out",
                "--counts-topic", "counts", "--dlq-topic", "dlq", "--delivery", "at-least-once",
                "--transactional-id-prefix", "job-a", "--window", "1m", "--checkpoint-interval", "500ms",
                "--state-backend", "rocksdb", "--parallelism", "4", "--producer-property", "compression.type=lz4",
                "--consumer-property", "max.poll.records=500");
        assertThat(c.bootstrap).isEqualTo("kafka:9092");
        assertThat(c.topics()).containsEntry("input", "in").containsEntry("output", "out").containsEntry("counts", "counts").containsEntry("dlq", "dlq");
        assertThat(c.delivery).isEqualTo(JobOptions.Delivery.AT_LEAST_ONCE);
        assertThat(c.window).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(c.stateBackend).isEqualTo(JobOptions.StateBackend.ROCKSDB);
        assertThat(c.parallelism).isEqualTo(4);
        assertThat(c.producerProperties).containsEntry("compression.type", "lz4");
        assertThat(c.consumerProperties).containsEntry("max.poll.records", "500");
        assertThat(c.transactionalIdPrefix()).isEqualTo("job-a");
        assertThat(c.helpRequested()).isFalse();
        assertThat(events.parse("--window-counts").windowCounts).as("a boolean flag keeps its meaning").isTrue();
        assertThat(events.parse("--no-window-counts").windowCounts).isFalse();
        assertThat(events.parse("--help").helpRequested()).isTrue();
    }

    @Test
    void rejectsBadValuesWithAReadableMessage() {
        assertThatThrownBy(() -> events.parse("--delivery", "twice"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("exactly-once");
        assertThatThrownBy(() -> events.parse("--parallelism", "0")).hasMessageContaining("--parallelism must be > 0");
        assertThatThrownBy(() -> events.parse("--output-topic", "events")).hasMessageContaining("must all differ");
        assertThatThrownBy(() -> events.parse("--transaction-timeout", "1s", "--checkpoint-interval", "10s"))
                .hasMessageContaining("--transaction-timeout must exceed");
        assertThatThrownBy(() -> events.parse("--no-such-flag")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
