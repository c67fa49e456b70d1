package io.streamplatform.job.recommendations;

import io.streamplatform.common.recommendations.Recommendation;
import io.streamplatform.common.recommendations.RecommendationsDefinition;
import io.streamplatform.common.recommendations.RecommendationsOptions;
import io.streamplatform.common.recommendations.Video;
import io.streamplatform.common.recommendations.Watch;
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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The {@code recommendations} job ({@link RecommendationsDefinition}), wired top to bottom:
 *
 * <pre>
 * Kafka(watches), event time = watch ts ─→ route ─valid─→ key by video ─┐
 * Kafka(videos), event time = record ts ─→ route ─valid─→ key by video ─┴→ enrich (catalogue as of the watch's ts)
 *          └─malformed (both)─→ Kafka(dlq) ←── unknown videos (after --unknown-video-wait), late watches
 * enriched → stay active (no IDLE status past here) → key by user → window → engagement (max permille per video) ─┬──────────────────────────────┐
 *                                     └→ one copy per watched video → key by video → window → co-watch ─┴→ key by user → recommend → Kafka(recommendations)
 * </pre>
 *
 * Every operator has a stable uid, so savepoints survive upgrades and rescaling. Each sink is written through its
 * metrics step ({@link Sinks#write}).
 */
public final class RecommendationsJob implements StreamingJob<RecommendationsOptions> {
    static final OutputTag<EnrichedWatch> LATE = new OutputTag<>("late-watches") {};
    static final TypeInformation<Parsed<Watch>> PARSED_WATCH = new TypeHint<Parsed<Watch>>() {}.getTypeInfo();
    static final TypeInformation<Parsed<Video>> PARSED_VIDEO = new TypeHint<Parsed<Video>>() {}.getTypeInfo();
    static final TypeInformation<Watch> WATCH = TypeInformation.of(Watch.class);
    static final TypeInformation<Video> VIDEO = TypeInformation.of(Video.class);
    static final TypeInformation<EnrichedWatch> ENRICHED = TypeInformation.of(EnrichedWatch.class);
    static final TypeInformation<UserWindow> USER_WINDOW = TypeInformation.of(UserWindow.class);
    static final TypeInformation<CoWatchRow> CO_WATCH = TypeInformation.of(CoWatchRow.class);
    static final TypeInformation<Recommendation> RECOMMENDATION = TypeInformation.of(Recommendation.class);

    public static void main(String[] args) throws Exception {
        JobRunner.main(new RecommendationsJob(), args);
    }

    @Override
    public RecommendationsDefinition definition() {
        return new RecommendationsDefinition();
    }

    @Override
    public void build(StreamExecutionEnvironment env, RecommendationsOptions c) {
        int maxRecordBytes = c.maxRecordBytes;

        // 1. Sources: parse; malformed records of either aside.
        SingleOutputStreamOperator<Watch> parsedWatches = env
                .fromSource(Sources.kafka(c, RecommendationsDefinition.WATCHES,
                                new ParsingDeserializer<>(() -> new Parsers.Watches(maxRecordBytes), PARSED_WATCH)),
                        Sources.watermarks(c, (Watch w) -> w.ts), "kafka-source-watches")
                .uid("kafka-source-watches")
                .transform("route-malformed-watches", WATCH, new RouteMalformed<Watch>(RecommendationsDefinition.WATCHES))
                .uid("route-malformed-watches").name("route-malformed-watches");
        SingleOutputStreamOperator<Video> parsedVideos = env
                .fromSource(Sources.kafka(c, RecommendationsDefinition.VIDEOS,
                                new ParsingDeserializer<>(() -> new Parsers.Videos(maxRecordBytes), PARSED_VIDEO)),
                        Sources.<Parsed<Video>>watermarks(c), "kafka-source-videos")
                .uid("kafka-source-videos")
                .transform("route-malformed-videos", VIDEO, new RouteMalformed<Video>(RecommendationsDefinition.VIDEOS))
                .uid("route-malformed-videos").name("route-malformed-videos");
        DataStream<Watch> watches = parsedWatches;
        if (c.failOnceAfter > 0) {
            watches = watches.map(new FailOnce<Watch>(c.transactionalIdPrefix(), c.failOnceAfter), WATCH).uid("fail-once").name("fail-once");
        }

        // 2. Enrich with the catalogue version in effect at the watch's time.
        SingleOutputStreamOperator<EnrichedWatch> enriched = watches.keyBy(w -> w.video)
                .connect(parsedVideos.keyBy(v -> v.video))
                .process(new Enrich(c.unknownVideoWait, c.topic(RecommendationsDefinition.WATCHES)), ENRICHED)
                .uid("enrich").name("enrich");

        // 3. Engagement per user and window; 4. co-watch counts per video and window.
        long windowMs = c.window.toMillis();
        SingleOutputStreamOperator<UserWindow> engagement = enriched
                .transform("stay-active", ENRICHED, new StayActive<EnrichedWatch>()).uid("stay-active").name("stay-active")
                .keyBy(w -> w.user)
                .window(new ByWatchTime(windowMs))
                .sideOutputLateData(LATE)
                .process(new Engagement(), USER_WINDOW)
                .uid("engagement").name("engagement");
        DataStream<CoWatchRow> coWatch = engagement
                .flatMap((UserWindow u, org.apache.flink.util.Collector<UserWindow> out) -> {
                    for (String v : u.videos) out.collect(u.anchored(v));
                }, USER_WINDOW).uid("baskets").name("baskets")
                .keyBy(u -> u.anchor)
                .window(TumblingEventTimeWindows.of(c.window))
                .process(new CoWatch(), CO_WATCH)
                .uid("co-watch").name("co-watch");

        // 5. Recommend per user at each window's end.
        DataStream<Recommendation> lists = engagement.keyBy(u -> u.user)
                .connect(coWatch.keyBy(r -> r.user))
                .process(new Recommend(c.userTtl, c.halfLife, c.topK), RECOMMENDATION)
                .uid("recommend").name("recommend");
        Sinks.write(lists, RecommendationsDefinition.RECOMMENDATIONS, "sink-recommendations",
                Sinks.sink(c, "recommendations", RecommendationsDefinition.RECOMMENDATIONS, new Encoders.Lists()));

        // 6. Dead letters: malformed input, unknown videos, late watches.
        DataStream<DeadLetter> late = engagement.getSideOutput(LATE)
                .map(new LateRecords<>(new Encoders.Watches(), "the user's engagement window"))
                .uid("late-watches").name("late-watches");
        Sinks.writeDeadLetters(parsedWatches.getSideOutput(RouteMalformed.DEAD_LETTERS)
                .union(parsedVideos.getSideOutput(RouteMalformed.DEAD_LETTERS), enriched.getSideOutput(Enrich.UNKNOWN), late),
                c, RecommendationsDefinition.DLQ);
    }
}
