package io.streamplatform.common.clickstream;

import io.streamplatform.common.catalogue.GeneratorSettings;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.RecordGenerator;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.catalogue.Verifier;
import java.util.List;
import java.util.Map;

/**
 * The {@code clickstream} job: e-commerce click events ({@link ClickCodec}) turned into user sessions
 * ({@link Session}), per-category conversion funnels ({@link Funnel}) and trending products ({@link Trending}), each an
 * upsert stream: a late click within {@code --allowed-lateness} rewrites the record it changes, under the same key.
 */
public final class ClickstreamDefinition extends JobDefinition<ClickstreamOptions> {
    public static final String NAME = "clickstream";
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    public static final TopicRole INPUT = TopicRole.input("input", "clicks", 4,
            "Click events (JSON: user, product, category, action, price, ts), keyed by user.");
    public static final TopicRole SESSIONS = new TopicRole("sessions", TopicRole.Kind.OUTPUT, "click-sessions", 4, COMPACTED,
            "One summary per user session, keyed <user>/<start>; a tombstone when a late click merged the session into an earlier one.");
    public static final TopicRole FUNNEL = new TopicRole("funnel", TopicRole.Kind.OUTPUT, "click-funnel", 2, COMPACTED,
            "Per category (and all categories, *) and window: clicks per action and the conversion rates, keyed <category>/<start>.");
    public static final TopicRole TRENDING = new TopicRole("trending", TopicRole.Kind.OUTPUT, "trending-products", 1, COMPACTED,
            "The top products of each sliding window, keyed by the window's start.");
    public static final TopicRole DLQ = TopicRole.deadLetters("dlq", "clicks-dlq", 1,
            "Records that are not click events, and clicks later than the allowed lateness, with the reason.");

    public ClickstreamDefinition() {
        super(NAME, "Turns e-commerce clicks into user sessions, per-category conversion funnels and trending products; late clicks update them.",
                "io.streamplatform.job.clickstream.ClickstreamJob", ClickstreamOptions::new, List.of(INPUT, SESSIONS, FUNNEL, TRENDING, DLQ));
    }

    /**
     * A longer {@code --idleness}, for the reason the grid job gives: the generator's timeline runs many simulated
     * minutes per wall second, and a partition read first must not carry event time past its neighbours' first clicks.
     */
    @Override
    public List<String> localModeArgs() {
        return List.of("--idleness", "30s");
    }

    @Override
    public RecordGenerator generator(GeneratorSettings settings) {
        return new ClickstreamGenerator(settings);
    }

    @Override
    public boolean acceptsInput(byte[] value) {
        return new ClickCodec().parse(value) != null;
    }

    @Override
    public Verifier verifier(ClickstreamOptions options, RunFacts run) {
        return new ClickstreamVerifier(options, run);
    }
}
