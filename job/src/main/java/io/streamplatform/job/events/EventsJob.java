package io.streamplatform.job.events;

import io.streamplatform.common.events.Event;
import io.streamplatform.common.events.EventCodec;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import io.streamplatform.common.events.ParseResult;
import io.streamplatform.common.events.WindowCount;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.FailOnce;
import io.streamplatform.job.core.JobRunner;
import io.streamplatform.job.core.Parsed;
import io.streamplatform.job.core.ParsingDeserializer;
import io.streamplatform.job.core.RecordParser;
import io.streamplatform.job.core.RouteMalformed;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import io.streamplatform.job.core.StreamingJob;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The {@code events} job ({@link EventsDefinition}), wired top to bottom:
 *
 * <pre>
 * Kafka(input), parsed as read → route ──valid──→ normalise ─→ Kafka(output)
 *                                   │                  └─→ pre-count per key+window → key by key → tumbling event-time window → sum → Kafka(counts)
 *                                   └─malformed─→ Kafka(dead letters) ←── late events
 * </pre>
 *
 * Every stateful operator has a stable uid, so savepoints survive upgrades and rescaling. Each sink is written through
 * its metrics step ({@link Sinks#write}).
 */
public final class EventsJob implements StreamingJob<EventsOptions> {
    /** Late events (behind the watermark when their window had already fired). */
    static final OutputTag<Tally> LATE = new OutputTag<>("late-events") {};
    static final TypeInformation<Parsed<Event>> PARSED = new TypeHint<Parsed<Event>>() {}.getTypeInfo();
    static final TypeInformation<Event> EVENT = TypeInformation.of(Event.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new EventsJob(), args);
    }

    @Override
    public EventsDefinition definition() {
        return new EventsDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, EventsOptions c) {
        int maxRecordBytes = c.maxRecordBytes;
        DataStream<Parsed<Event>> records = env
                .fromSource(Sources.kafka(c, EventsDefinition.INPUT, new ParsingDeserializer<>(() -> new EventParser(maxRecordBytes), PARSED)),
                        Sources.watermarks(c), "kafka-source")
                .uid("kafka-source");

        SingleOutputStreamOperator<Event> parsed = records
                .transform("route-malformed", EVENT, new RouteMalformed<Event>(EventsDefinition.INPUT))
                .uid("route-malformed").name("route-malformed");
        DataStream<Event> events = parsed;
        if (c.failOnceAfter > 0) {
            events = events.map(new FailOnce<Event>(c.transactionalIdPrefix(), c.failOnceAfter), EVENT).uid("fail-once").name("fail-once");
        }

        DataStream<Event> normalized = events.map(new Normalize()).uid("normalize").name("normalize");
        Sinks.write(normalized, EventsDefinition.OUTPUT, "sink-normalized",
                Sinks.sink(c, "normalized", new EventSerializer(c.topic(EventsDefinition.OUTPUT))));

        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(RouteMalformed.DEAD_LETTERS);
        if (c.windowCounts) {
            SingleOutputStreamOperator<WindowCount> counts = normalized
                    .transform("pre-aggregate", TypeInformation.of(Tally.class), new PreAggregate(c.window))
                    .uid("pre-aggregate").name("pre-aggregate")
                    .keyBy(t -> t.key)
                    .window(TumblingEventTimeWindows.of(c.window))
                    .sideOutputLateData(LATE)
                    .aggregate(new SumTallies(), new ToWindowCount())
                    .uid("window-counts").name("window-counts");
            Sinks.write(counts, EventsDefinition.COUNTS, "sink-window-counts",
                    Sinks.sink(c, "counts", new WindowCountSerializer(c.topic(EventsDefinition.COUNTS))));
            DataStream<DeadLetter> late = counts.getSideOutput(LATE).map(new LateEvents(c.window)).uid("late-events").name("late-events");
            deadLetters = deadLetters.union(late);
        }
        Sinks.writeDeadLetters(deadLetters, c, EventsDefinition.DLQ);
    }

    /** The events codec as the source's parser: strict JSON, records over {@code --max-record-bytes} rejected. */
    static final class EventParser implements RecordParser<Event> {
        private final EventCodec codec;
        private String error;

        EventParser(int maxRecordBytes) {
            codec = new EventCodec(maxRecordBytes);
        }

        @Override
        public Event parse(byte[] value) {
            ParseResult r = codec.parse(value);
            error = r.error();
            return r.event();
        }

        @Override
        public String error() {
            return error;
        }
    }
}
