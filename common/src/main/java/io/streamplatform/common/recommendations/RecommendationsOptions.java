package io.streamplatform.common.recommendations;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The recommendations job's own options, after the shared ones. */
public final class RecommendationsOptions extends JobOptions {
    /** Largest {@code --top-k}: a list is one Kafka record, and 20,000 items of ~45 bytes stay under Kafka's default 1 MB. */
    public static final int MAX_TOP_K = 20_000;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.Converter.class,
            description = "Tumbling event-time window of engagement and co-watch counts; recommendations are computed at each window's end.")
    public Duration window;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10",
            description = "Videos per recommendation list.")
    public int topK;

    @Option(names = "--half-life", paramLabel = "DURATION", defaultValue = "1h", converter = Durations.Converter.class,
            description = "Half-life of a user's category interest: it halves over this much event time.")
    public Duration halfLife;

    @Option(names = "--user-ttl", paramLabel = "DURATION", defaultValue = "2h", converter = Durations.Converter.class,
            description = "A user without watches for this long (event time after the end of their last window) is forgotten: "
                    + "profile, watched videos and last list; at least --window.")
    public Duration userTtl;

    @Option(names = "--unknown-video-wait", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.Converter.class,
            description = "How long (event time) a watch of a video the catalogue does not have yet waits for it before it is dead-lettered.")
    public Duration unknownVideoWait;

    @Override
    protected void validateJob(Problems p) {
        p.check(positive(window), "--window must be > 0");
        p.check(topK >= 1 && topK <= MAX_TOP_K, "--top-k must be between 1 and " + MAX_TOP_K);
        p.check(positive(halfLife), "--half-life must be > 0");
        p.check(userTtl.compareTo(window) >= 0, "--user-ttl must be >= --window");
        p.check(positive(unknownVideoWait), "--unknown-video-wait must be > 0");
    }
}
