package io.streamplatform.job.logs;

import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.logs.LogRecord;
import io.streamplatform.common.logs.LogsDefinition;
import io.streamplatform.common.logs.LogsOptions;
import io.streamplatform.common.logs.ServiceWindow;
import io.streamplatform.job.core.AlertEncoder;
import io.streamplatform.job.core.DeadLetter;
import io.streamplatform.job.core.FailOnce;
import io.streamplatform.job.core.JobRunner;
import io.streamplatform.job.core.LateRecords;
import io.streamplatform.job.core.Parsed;
import io.streamplatform.job.core.ParsingDeserializer;
import io.streamplatform.job.core.RouteMalformed;
import io.streamplatform.job.core.Sinks;
import io.streamplatform.job.core.Sources;
import io.streamplatform.job.core.StreamingJob;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The {@code logs} job ({@link LogsDefinition}), wired top to bottom:
 *
 * <pre>
 * Kafka(input), parsed as read (combined or JSON) → route ──valid──→ key by service → tumbling event-time window
 *                                                    │                 → stats (count, classes, latency histogram, 5xx paths)
 *                                                    │                 → summary ─→ Kafka(windows)
 *                                                    │                        └─→ (same keys) alert streaks ─→ Kafka(alerts)
 *                                                    └─malformed─→ Kafka(dead letters) ←── late lines
 * </pre>
 *
 * Event time is the line's own timestamp. Every operator has a stable uid, so savepoints survive upgrades and rescaling.
 * Each sink is written through its metrics step ({@link Sinks#write}).
 */
public final class LogsJob implements StreamingJob<LogsOptions> {
    static final OutputTag<LogRecord> LATE = new OutputTag<>("late-lines") {};
    static final TypeInformation<Parsed<LogRecord>> PARSED = new TypeHint<Parsed<LogRecord>>() {}.getTypeInfo();
    static final TypeInformation<LogRecord> LINE = TypeInformation.of(LogRecord.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new LogsJob(), args);
    }

    @Override
    public LogsDefinition definition() {
        return new LogsDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, LogsOptions c) {
        int maxRecordBytes = c.maxRecordBytes;
        SingleOutputStreamOperator<LogRecord> parsed = env
                .fromSource(Sources.kafka(c, LogsDefinition.INPUT, new ParsingDeserializer<>(() -> new AccessLogParser(maxRecordBytes), PARSED)),
                        Sources.watermarks(c, (LogRecord r) -> r.ts), "kafka-source")
                .uid("kafka-source")
                .transform("route-malformed", LINE, new RouteMalformed<LogRecord>(LogsDefinition.INPUT))
                .uid("route-malformed").name("route-malformed");
        DataStream<LogRecord> lines = parsed;
        if (c.failOnceAfter > 0) {
            lines = lines.map(new FailOnce<LogRecord>(c.transactionalIdPrefix(), c.failOnceAfter), LINE).uid("fail-once").name("fail-once");
        }

        SingleOutputStreamOperator<ServiceWindow> windows = lines
                .keyBy(r -> r.service)
                .window(TumblingEventTimeWindows.of(c.window))
                .sideOutputLateData(LATE)
                .aggregate(new AddToStats(), new ToServiceWindow(c.topPaths))
                .uid("service-windows").name("service-windows");
        Sinks.write(windows, LogsDefinition.WINDOWS, "sink-windows", Sinks.sink(c, "windows", LogsDefinition.WINDOWS, new ServiceWindowEncoder()));

        // The windows come out partitioned by service already: no second shuffle.
        DataStream<Alert> alerts = DataStreamUtils.reinterpretAsKeyedStream(windows, w -> w.service)
                .process(new AlertStreaks(c.errorRateThreshold, c.latencyThreshold, c.alertWindows, c.minRequests))
                .uid("alert-streaks").name("alert-streaks");
        Sinks.write(alerts, LogsDefinition.ALERTS, "sink-alerts", Sinks.sink(c, "alerts", LogsDefinition.ALERTS, new AlertEncoder()));

        DataStream<DeadLetter> late = windows.getSideOutput(LATE)
                .map(new LateRecords<>(new LogLineEncoder(), "its window")).uid("late-lines").name("late-lines");
        Sinks.writeDeadLetters(parsed.getSideOutput(RouteMalformed.DEAD_LETTERS).union(late), c, LogsDefinition.DLQ);
    }
}
