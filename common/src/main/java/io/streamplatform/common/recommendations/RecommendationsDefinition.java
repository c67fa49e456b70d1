package io.streamplatform.common.recommendations;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;
import java.util.Map;

/**
 * The {@code recommendations} job: watch events ({@link Watch}) joined with a compacted video catalogue
 * ({@link Video}), turned into per-user engagement and co-watch counts per event-time window, and from those a top-K
 * list of videos per user ({@link Recommendation}) on a compacted topic, re-emitted when it changes. The algorithm is
 * the README's; {@link RecommendationsVerifier} recomputes it in plain batch code.
 */
public final class RecommendationsDefinition extends JobDefinition<RecommendationsOptions> {
    public static final String NAME = "recommendations";
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    public static final TopicRole WATCHES = TopicRole.input("watches", "video-watches", 4,
            "Watch events as JSON, keyed by user (play, pause, seek, complete with the position).");
    public static final TopicRole VIDEOS = new TopicRole("videos", TopicRole.Kind.INPUT, "video-catalogue", 1, COMPACTED,
            "The video catalogue as JSON, keyed by video, compacted; a record's timestamp is when it takes effect.");
    public static final TopicRole RECOMMENDATIONS = new TopicRole("recommendations", TopicRole.Kind.OUTPUT, "video-recommendations", 4, COMPACTED,
            "Top-K videos per user, keyed by user, compacted: a new record whenever a user's list changes.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "video-dlq", 1,
            "Malformed watches and catalogue records, watches of videos not in the catalogue, late watches; with the reason.");

    /** How the reason of a dead-lettered watch of a video the catalogue did not have begins. */
    public static final String UNKNOWN_VIDEO_REASON = "unknown-video: ";

    public RecommendationsDefinition() {
        super(NAME, "Recommends videos per user from watch events and a changing video catalogue: "
                        + "decaying category interest plus co-watch counts per window, top-K re-emitted when it changes.",
                "io.streamplatform.job.recommendations.RecommendationsJob", RecommendationsOptions::new,
                List.of(WATCHES, VIDEOS, RECOMMENDATIONS, DLQ));
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new RecommendationsGenerator(settings);
    }

    /** A watch or a catalogue record. */
    @Override
    public boolean acceptsInput(byte[] value) {
        return new WatchCodec(Integer.MAX_VALUE).parseWatch(value) != null || new WatchCodec(Integer.MAX_VALUE).parseVideo(value) != null;
    }

    @Override
    public Verifier verifier(RecommendationsOptions options, RunFacts run) {
        return new RecommendationsVerifier(options, run);
    }
}
