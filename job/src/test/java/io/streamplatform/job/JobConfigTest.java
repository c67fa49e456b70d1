package io.streamplatform.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobConfigTest {
    @Test
    void defaultsAreExactlyOnceAndLeaveClusterOptionsUnset() {
        JobConfig c = JobConfig.parse();
        assertThat(c.delivery).isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
        assertThat(c.parallelism).isNull();
        assertThat(c.stateBackend).isNull();
        assertThat(c.checkpointDir).isNull();
        assertThat(c.transactionalIdPrefix()).isEqualTo(c.groupId);
        assertThat(c.transactionTimeout).isLessThanOrEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void parsesTheArgumentsAFlinkDeploymentPasses() {
        JobConfig c = JobConfig.parse("--bootstrap", "kafka:9092", "--input-topic", "in", "--output-topic", "out",
                "--counts-topic", "counts", "--dlq-topic", "dlq", "--delivery", "at-least-once",
                "--transactional-id-prefix", "job-a", "--window", "1 min", "--checkpoint-interval", "500ms",
                "--state-backend", "rocksdb", "--parallelism", "4", "--producer-property", "compression.type=lz4",
                "--consumer-property", "max.poll.records=500");
        assertThat(c.bootstrap).isEqualTo("kafka:9092");
        assertThat(c.delivery).isEqualTo(JobConfig.Delivery.AT_LEAST_ONCE);
        assertThat(c.window).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofMillis(500));
        assertThat(c.stateBackend).isEqualTo(JobConfig.StateBackend.ROCKSDB);
        assertThat(c.parallelism).isEqualTo(4);
        assertThat(c.producerProperties).containsEntry("compression.type", "lz4");
        assertThat(c.consumerProperties).containsEntry("max.poll.records", "500");
        assertThat(c.transactionalIdPrefix()).isEqualTo("job-a");
        assertThat(c.helpRequested()).isFalse();
        assertThat(JobConfig.parse("--window-counts").windowCounts).as("a boolean flag keeps its meaning").isTrue();
        assertThat(JobConfig.parse("--no-window-counts").windowCounts).isFalse();
    }

    @Test
    void rejectsBadValuesWithAReadableMessage() {
        assertThatThrownBy(() -> JobConfig.parse("--delivery", "twice"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("exactly-once");
        assertThatThrownBy(() -> JobConfig.parse("--parallelism", "0")).hasMessageContaining("--parallelism must be > 0");
        assertThatThrownBy(() -> JobConfig.parse("--output-topic", "events")).hasMessageContaining("must all differ");
        assertThatThrownBy(() -> JobConfig.parse("--transaction-timeout", "1s", "--checkpoint-interval", "10s"))
                .hasMessageContaining("--transaction-timeout must exceed");
        assertThatThrownBy(() -> JobConfig.parse("--no-such-flag")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
