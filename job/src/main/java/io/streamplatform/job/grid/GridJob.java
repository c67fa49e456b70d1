package io.streamplatform.job.grid;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.grid.GridDefinition;
import io.streamplatform.common.grid.GridOptions;
import io.streamplatform.common.grid.Reading;
import io.streamplatform.common.grid.ReadingCodec;
import io.streamplatform.common.grid.SubstationWindow;
import io.streamplatform.job.core.AlertEncoder;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.FailOnce;
import io.streamplatform.job.core.JobRunner;
import io.streamplatform.job.core.LateRecords;
import io.streamplatform.job.core.Parsed;
import io.streamplatform.job.core.ParsingDeserializer;
import io.streamplatform.job.core.RecordParser;
import io.streamplatform.job.core.RouteMalformed;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import io.streamplatform.job.core.StreamingJob;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The {@code grid} job ({@link GridDefinition}), wired top to bottom:
 *
 * <pre>
 * Kafka(input), parsed as read, event time = reading ts → route ──valid──→ readings
 *                                                          └─malformed─→ Kafka(dlq) ←── late readings
 * readings → key by substation → tumbling event-time window → count, min/avg/max ───────────────────────→ Kafka(aggregates)
 * readings → rules (per reading) ─────────────────────────────────────┐
 * readings → pattern candidates → key by sensor → CEP: voltage surge ─┼─→ key by sensor → episodes ─┐
 *                                              └─→ CEP: overload ─────┘                             ├─→ Kafka(alerts)
 * readings → key by sensor → silence (event-time timer) ────────────────────────────────────────────┘
 * </pre>
 *
 * Every operator has a stable uid, so savepoints survive upgrades and rescaling. Each sink is written through its
 * metrics step ({@link Sinks#write}).
 */
public final class GridJob implements StreamingJob<GridOptions> {
    /** Readings that reached their aggregate window after it had fired. */
    static final OutputTag<Reading> LATE = new OutputTag<>("late-readings") {};
    static final TypeInformation<Parsed<Reading>> PARSED = new TypeHint<Parsed<Reading>>() {}.getTypeInfo();
    static final TypeInformation<Reading> READING = TypeInformation.of(Reading.class);
    static final TypeInformation<Detection> DETECTION = TypeInformation.of(Detection.class);
    static final TypeInformation<Alert> ALERT = TypeInformation.of(Alert.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new GridJob(), args);
    }

    @Override
    public GridDefinition definition() {
        return new GridDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, GridOptions c) {
        int maxRecordBytes = c.maxRecordBytes;
        GridOptions.Thresholds limits = c.thresholds();

        // 1. Source: parse, event time from the reading; malformed records aside.
        DataStream<Parsed<Reading>> records = env
                .fromSource(Sources.kafka(c, GridDefinition.INPUT, new ParsingDeserializer<>(() -> new ReadingParser(maxRecordBytes), PARSED)),
                        Sources.watermarks(c, (Reading r) -> r.ts), "kafka-source")
                .uid("kafka-source");
        SingleOutputStreamOperator<Reading> parsed = records
                .transform("route-malformed", READING, new RouteMalformed<Reading>(GridDefinition.INPUT))
                .uid("route-malformed").name("route-malformed");
        DataStream<Reading> readings = parsed;
        if (c.failOnceAfter > 0) {
            readings = readings.map(new FailOnce<Reading>(c.transactionalIdPrefix(), c.failOnceAfter), READING).uid("fail-once").name("fail-once");
        }

        // 2. Aggregates per substation and window.
        SingleOutputStreamOperator<SubstationWindow> aggregates = readings
                .keyBy(r -> r.substation)
                .window(TumblingEventTimeWindows.of(c.aggregateWindow))
                .sideOutputLateData(LATE)
                .aggregate(new WindowSums.Sum(), new ToSubstationWindow())
                .uid("aggregate-window").name("aggregate-window");
        Sinks.write(aggregates, GridDefinition.AGGREGATES, "sink-aggregates",
                Sinks.sink(c, "aggregates", GridDefinition.AGGREGATES, new Encoders.Aggregates()));

        // 3. Rules per reading; 4. patterns per sensor.
        DataStream<Detection> ruled = readings.flatMap(new Rules(limits), DETECTION).uid("rules").name("rules");
        KeyedStream<Reading, String> bySensor = readings.keyBy(r -> r.sensor);
        KeyedStream<Reading, String> candidates = readings
                .filter(new Patterns.Candidates(limits)).uid("pattern-candidates").name("pattern-candidates")
                .keyBy(r -> r.sensor);
        DataStream<Detection> surges = CEP.pattern(candidates, Patterns.voltageSurge(limits, c.surgeReadings, c.surgeWindow)).inEventTime()
                .process(new Patterns.SurgeDetection(), DETECTION)
                .uid("cep-voltage-surge").name("cep-voltage-surge");
        DataStream<Detection> overloads = CEP.pattern(candidates, Patterns.overload(limits, c.overloadWindow)).inEventTime()
                .process(new Patterns.OverloadDetection(), DETECTION)
                .uid("cep-overload").name("cep-overload");

        // 5. Detections → episodes; 6. silent sensors.
        DataStream<Alert> episodes = ruled.union(surges, overloads)
                .keyBy(d -> d.sensor)
                .process(new Episodes(c.episodeGap), ALERT)
                .uid("episodes").name("episodes");
        DataStream<Alert> silences = bySensor
                .process(new Silence(c.silenceTimeout), ALERT)
                .uid("silence").name("silence");

        // 7. Alerts and dead letters out.
        Sinks.write(episodes.union(silences), GridDefinition.ALERTS, "sink-alerts",
                Sinks.sink(c, "alerts", GridDefinition.ALERTS, new AlertEncoder()));
        DataStream<DeadLetter> late = aggregates.getSideOutput(LATE)
                .map(new LateRecords<>(new Encoders.Readings(), "the substation's aggregate"))
                .uid("late-readings").name("late-readings");
        Sinks.writeDeadLetters(parsed.getSideOutput(RouteMalformed.DEAD_LETTERS).union(late), c, GridDefinition.DLQ);
    }

    /** The reading codec as the source's parser: strict JSON, records over {@code --max-record-bytes} rejected. */
    static final class ReadingParser implements RecordParser<Reading> {
        private final ReadingCodec codec;

        ReadingParser(int maxRecordBytes) {
            codec = new ReadingCodec(maxRecordBytes);
        }

        @Override
        public Reading parse(byte[] value) {
            return codec.parse(value);
        }

        @Override
        public String error() {
            return codec.error();
        }
    }
}
