package io.streamplatform.common.clickstream;

import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The clickstream job's own options, after the shared ones. */
public final class ClickstreamOptions extends JobOptions {
    @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.Converter.class,
            description = "A user's session ends when more than this passes without a click.")
    public Duration sessionGap;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "10m", converter = Durations.Converter.class,
            description = "A click up to this far behind the watermark still updates its session, funnel and trending records "
                    + "(written again under the same key); a later one goes to the dead letters.")
    public Duration allowedLateness;

    @Option(names = "--funnel-window", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "Tumbling event-time window of the per-category funnels.")
    public Duration funnelWindow;

    @Option(names = "--trending-window", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.Converter.class,
            description = "Length of the sliding window the trending products are counted over.")
    public Duration trendingWindow;

    @Option(names = "--trending-slide", paramLabel = "DURATION", defaultValue = "1m", converter = Durations.Converter.class,
            description = "How often a trending window starts; divides --trending-window.")
    public Duration trendingSlide;

    @Option(names = "--top-n", paramLabel = "N", defaultValue = "5",
            description = "How many products each trending record lists.")
    public int topN;

    @Override
    protected void validateJob(Problems p) {
        p.check(positive(sessionGap), "--session-gap must be > 0");
        p.check(!allowedLateness.isNegative(), "--allowed-lateness must be >= 0");
        p.check(positive(funnelWindow), "--funnel-window must be > 0");
        p.check(positive(trendingWindow), "--trending-window must be > 0");
        p.check(positive(trendingSlide), "--trending-slide must be > 0");
        p.check(!positive(trendingSlide) || trendingWindow.toMillis() % trendingSlide.toMillis() == 0,
                "--trending-slide must divide --trending-window");
        p.check(topN >= 1, "--top-n must be >= 1");
    }
}
