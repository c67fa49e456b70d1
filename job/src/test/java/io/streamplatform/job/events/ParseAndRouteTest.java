package io.streamplatform.job.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.Parsed;
import io.streamplatform.job.core.ParsingDeserializer;
import io.streamplatform.job.core.RouteMalformed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The source parses; the router sends valid events on and malformed records, copied whole, to the side output. */
class ParseAndRouteTest {
    private final ParsingDeserializer<Event> deserializer = new ParsingDeserializer<>(() -> new EventsJob.EventParser(1024), EventsJob.PARSED);

    @Test
    void validEventsGoOnAndMalformedOnesToTheSideOutputWithTheirReasonAndOriginalRecord() throws Exception {
        deserializer.open(null);
        Event good = new Event("r", 0, "k", 10, "hi");
        List<Parsed<Event>> parsed = new ArrayList<>();
        ListCollector<Parsed<Event>> out = new ListCollector<>(parsed);
        deserializer.deserialize(record(0, new EventCodec().encode(good)), out);
        deserializer.deserialize(record(1, "not json".getBytes(StandardCharsets.UTF_8)), out);
        deserializer.deserialize(record(2, new byte[] {'{', (byte) 0xff, '}'}), out);
        deserializer.deserialize(record(3, new byte[2000]), out);
        assertThat(parsed).hasSize(4);
        assertThat(parsed.get(0).value).isEqualTo(good);
        assertThat(parsed.get(0).deadLetter).isNull();

        try (OneInputStreamOperatorTestHarness<Parsed<Event>, Event> h = new OneInputStreamOperatorTestHarness<>(new RouteMalformed<Event>(EventsDefinition.INPUT))) {
            h.open();
            for (int i = 0; i < parsed.size(); i++) h.processElement(parsed.get(i), 10 + i);

            assertThat(h.extractOutputValues()).containsExactly(good);
            List<DeadLetter> dead = h.getSideOutput(RouteMalformed.DEAD_LETTERS).stream()
                    .map(r -> ((StreamRecord<DeadLetter>) r).getValue()).toList();
            assertThat(dead).extracting(d -> d.reason.substring(0, d.reason.indexOf(':')))
                    .containsExactly("not-json", "not-utf8", "oversized");
            DeadLetter first = dead.get(0);
            assertThat(new String(first.record.value, StandardCharsets.UTF_8)).isEqualTo("not json");
            assertThat(new String(first.record.key, StandardCharsets.UTF_8)).isEqualTo("key-1");
            assertThat(first.record.topic).isEqualTo("events");
            assertThat(first.record.partition).isEqualTo(3);
            assertThat(first.record.offset).isEqualTo(1);
            assertThat(first.record.timestamp).isEqualTo(1_001);
            assertThat(first.record.headerKeys).containsExactly("run");
            assertThat(new String(first.record.headerValues[0], StandardCharsets.UTF_8)).isEqualTo("run-1");
        }
    }

    /** Flink 1.20 drops a drain's MAX watermark behind an idle source (FLINK-40499); the router passes it on again. */
    @Test
    void atTheEndOfInputTheRouterIsActiveAndPassesOnTheMaxWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<Parsed<Event>, Event> h = new OneInputStreamOperatorTestHarness<>(new RouteMalformed<Event>(EventsDefinition.INPUT))) {
            h.open();
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.endInput();
            assertThat(h.getOutput()).containsSubsequence(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE, Watermark.MAX_WATERMARK);
        }
    }

    @Test
    void parsedRecordsAreFlinkPojosNotKryo() {
        assertThat(EventsJob.PARSED).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<?>) EventsJob.PARSED).getTypeAt("value")).isInstanceOf(PojoTypeInfo.class);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("run", "run-1".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("events", 3, offset, 1_000 + offset, TimestampType.CREATE_TIME, -1, value.length,
                ("key-" + offset).getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }
}
