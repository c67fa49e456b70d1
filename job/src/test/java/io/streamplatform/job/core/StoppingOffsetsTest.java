package io.streamplatform.job.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Where a bounded source stops: each partition's end offset at start, or the offset {@code --bounded-offsets} lists for it. */
class StoppingOffsetsTest {
    private static EventsOptions parse(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap", "k:9092", "--group-id", "g", "--input-topic", "in.put-x"));
        args.addAll(List.of(extra));
        return new EventsDefinition().parse(args);
    }

    /** End offsets 100 + partition; beginning and committed offsets must not be asked for. */
    private static final OffsetsInitializer.PartitionOffsetsRetriever ENDS = new OffsetsInitializer.PartitionOffsetsRetriever() {
        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> end = new HashMap<>();
            for (TopicPartition tp : partitions) end.put(tp, 100L + tp.partition());
            return end;
        }

        @Override
        public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions) {
            throw new AssertionError("a stopping offset never comes from the group");
        }

        @Override
        public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
            throw new AssertionError("a stopping offset never comes from the beginning");
        }

        @Override
        public Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
            throw new AssertionError("a stopping offset never comes from a time");
        }
    };

    private static List<TopicPartition> partitions(String topic, int n) {
        List<TopicPartition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(new TopicPartition(topic, i));
        return list;
    }

    @Test
    void listedPartitionsStopAtTheirOffsetAndTheOthersAtTheirEnd() {
        EventsOptions c = parse("--bounded", "--bounded-offsets", "in.put-x-0=5,in.put-x-2=0,other-1=9");

        Map<TopicPartition, Long> stop = Sources.stoppingOffsets(c, "in.put-x").getPartitionOffsets(partitions("in.put-x", 4), ENDS);

        assertThat(stop).containsExactlyInAnyOrderEntriesOf(Map.of(
                new TopicPartition("in.put-x", 0), 5L, new TopicPartition("in.put-x", 1), 101L,
                new TopicPartition("in.put-x", 2), 0L, new TopicPartition("in.put-x", 3), 103L));
        assertThat(c.boundedOffsets("other")).containsExactly(Map.entry(1, 9L));
    }

    @Test
    void withoutTheOptionEveryPartitionStopsAtItsEnd() {
        Map<TopicPartition, Long> stop = Sources.stoppingOffsets(parse("--bounded"), "in.put-x").getPartitionOffsets(partitions("in.put-x", 2), ENDS);

        assertThat(stop).containsExactlyInAnyOrderEntriesOf(Map.of(new TopicPartition("in.put-x", 0), 100L, new TopicPartition("in.put-x", 1), 101L));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> parse("--bounded-offsets", "in.put-x-0=5")).hasMessageContaining("--bounded-offsets needs --bounded");
        assertThatThrownBy(() -> parse("--bounded", "--bounded-offsets", "in.put-x=5")).hasMessageContaining("TOPIC-PARTITION=OFFSET");
        assertThatThrownBy(() -> parse("--bounded", "--bounded-offsets", "in.put-x-0=-1")).hasMessageContaining("OFFSET >= 0");
    }
}
