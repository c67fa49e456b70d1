package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Click;
import io.streamplatform.common.clickstream.ClickstreamDefinition;
import io.streamplatform.common.clickstream.ClickstreamOptions;
import io.streamplatform.common.clickstream.Funnel;
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
import io.streamplatform.job.core.Upsert;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The {@code clickstream} job ({@link ClickstreamDefinition}), wired top to bottom:
 *
 * <pre>
 * Kafka(input) → route ──valid──→ too late? ──no──→ key by user → session windows ──────────→ Kafka(sessions)
 *                  │                  │           ├→ key by category → tumbling windows ──→ Kafka(funnel)
 *                  │                  │           │                 → key by window → all categories ─↗
 *                  │                  │           └→ key by product → sliding windows
 *                  │                  │                     → key by window → top N ──────→ Kafka(trending)
 *                  └─malformed────────┴─yes──────────────────────────────────────────────→ Kafka(dead letters)
 * </pre>
 *
 * Every window allows {@code --allowed-lateness}: a late click fires its windows again and the new result is written
 * under the same key (sessions {@code <user>/<start>}, funnels {@code <category>/<start>}, trending {@code <start>}).
 * Event time is the click's {@code ts}. Every operator has a stable uid; each sink is written through its metrics step
 * ({@link Sinks#write}).
 */
public final class ClickstreamJob implements StreamingJob<ClickstreamOptions> {
    static final OutputTag<Click> LATE_IN_WINDOW = new OutputTag<>("late-in-window") {};
    static final TypeInformation<Parsed<Click>> PARSED = new TypeHint<Parsed<Click>>() {}.getTypeInfo();
    static final TypeInformation<Click> CLICK = TypeInformation.of(Click.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new ClickstreamJob(), args);
    }

    @Override
    public ClickstreamDefinition definition() {
        return new ClickstreamDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, ClickstreamOptions c) {
        int maxRecordBytes = c.maxRecordBytes;
        long lateness = c.allowedLateness.toMillis();
        SingleOutputStreamOperator<Click> parsed = env
                .fromSource(Sources.kafka(c, ClickstreamDefinition.INPUT, new ParsingDeserializer<>(() -> new ClickParser(maxRecordBytes), PARSED)),
                        Sources.watermarks(c, (Click k) -> k.ts), "kafka-source")
                .uid("kafka-source")
                .transform("route-malformed", CLICK, new RouteMalformed<Click>(ClickstreamDefinition.INPUT))
                .uid("route-malformed").name("route-malformed");
        SingleOutputStreamOperator<Click> inTime = parsed
                .transform("too-late", CLICK, new TooLate(lateness))
                .uid("too-late").name("too-late");
        DataStream<Click> clicks = inTime;
        if (c.failOnceAfter > 0) {
            clicks = clicks.map(new FailOnce<Click>(c.transactionalIdPrefix(), c.failOnceAfter), CLICK).uid("fail-once").name("fail-once");
        }

        SingleOutputStreamOperator<Upsert> sessions = clicks
                .keyBy(k -> k.user)
                .window(EventTimeSessionWindows.withGap(c.sessionGap))
                .allowedLateness(c.allowedLateness)
                .sideOutputLateData(LATE_IN_WINDOW)
                .aggregate(new AddToSession(), new EmitSessions())
                .uid("sessions").name("sessions");
        Sinks.write(sessions, ClickstreamDefinition.SESSIONS, "sink-sessions",
                Sinks.sink(c, "sessions", ClickstreamDefinition.SESSIONS, new Upsert.Encoder()));

        SingleOutputStreamOperator<Funnel> funnels = clicks
                .keyBy(k -> k.category)
                .window(TumblingEventTimeWindows.of(c.funnelWindow))
                .allowedLateness(c.allowedLateness)
                .sideOutputLateData(LATE_IN_WINDOW)
                .aggregate(new ActionCounts.Count(), new ToFunnel())
                .uid("funnels").name("funnels");
        DataStream<Upsert> totals = funnels
                .keyBy(f -> f.start)
                .process(new TotalFunnel(c.funnelWindow.toMillis(), lateness))
                .uid("total-funnel").name("total-funnel");
        DataStream<Upsert> funnelRecords = funnels.map(f -> new Upsert(f.key(), f.encode(), f.end - 1)).uid("funnel-records").name("funnel-records");
        Sinks.write(funnelRecords.union(totals), ClickstreamDefinition.FUNNEL, "sink-funnel",
                Sinks.sink(c, "funnel", ClickstreamDefinition.FUNNEL, new Upsert.Encoder()));

        SingleOutputStreamOperator<ProductWindow> productCounts = clicks
                .keyBy(k -> k.product)
                .window(SlidingEventTimeWindows.of(c.trendingWindow, c.trendingSlide))
                .allowedLateness(c.allowedLateness)
                .sideOutputLateData(LATE_IN_WINDOW)
                .aggregate(new ProductWindow.Count(), new ProductWindow.Emit())
                .uid("product-counts").name("product-counts");
        DataStream<Upsert> trending = productCounts
                .keyBy(p -> p.start)
                .process(new TopProducts(c.trendingWindow.toMillis(), lateness, c.topN))
                .uid("top-products").name("top-products");
        Sinks.write(trending, ClickstreamDefinition.TRENDING, "sink-trending",
                Sinks.sink(c, "trending", ClickstreamDefinition.TRENDING, new Upsert.Encoder()));

        // The gate leaves the windows nothing to drop; anything they would is dead-lettered all the same, never lost.
        DataStream<DeadLetter> late = inTime.getSideOutput(TooLate.TOO_LATE)
                .union(sessions.getSideOutput(LATE_IN_WINDOW), funnels.getSideOutput(LATE_IN_WINDOW), productCounts.getSideOutput(LATE_IN_WINDOW))
                .map(new LateRecords<>(new ClickEncoder(), "its sessions, funnel and trending results")).uid("late-clicks").name("late-clicks");
        Sinks.writeDeadLetters(parsed.getSideOutput(RouteMalformed.DEAD_LETTERS).union(late), c, ClickstreamDefinition.DLQ);
    }
}
