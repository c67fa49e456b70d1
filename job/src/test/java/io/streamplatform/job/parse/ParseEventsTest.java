package io.streamplatform.job.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Event;
import io.streamplatform.common.EventCodec;
import io.streamplatform.job.source.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEventsTest {
    @Test
    void validEventsGoOnAndMalformedOnesToTheSideOutputWithTheirReasonAndCount() throws Exception {
        try (OneInputStreamOperatorTestHarness<KafkaRecord, Event> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(1024))) {
            Event good = new Event("r", 0, "k", 10, "hi");
            h.processElement(record(new EventCodec().encode(good)), 10);
            h.processElement(record("not json".getBytes(StandardCharsets.UTF_8)), 11);
            h.processElement(record(new byte[] {'{', (byte) 0xff, '}'}), 12);
            h.processElement(record(new byte[2000]), 13);

            assertThat(h.extractOutputValues()).containsExactly(good);
            List<String> reasons = h.getSideOutput(ParseEvents.DEAD_LETTERS).stream()
                    .map(r -> ((StreamRecord<DeadLetter>) r).getValue().reason).toList();
            assertThat(reasons).hasSize(3);
            assertThat(reasons.get(0)).startsWith("not-json");
            assertThat(reasons.get(1)).startsWith("not-utf8");
            assertThat(reasons.get(2)).startsWith("oversized");
            DeadLetter first = h.getSideOutput(ParseEvents.DEAD_LETTERS).peek().getValue();
            assertThat(new String(first.record.value, StandardCharsets.UTF_8)).isEqualTo("not json");
        }
    }

    private static KafkaRecord record(byte[] value) {
        KafkaRecord r = new KafkaRecord();
        r.value = value;
        r.topic = "events";
        r.headerKeys = new String[0];
        r.headerValues = new byte[0][];
        return r;
    }
}
