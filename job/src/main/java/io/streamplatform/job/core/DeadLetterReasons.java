package io.streamplatform.job.core;

import io.streamplatform.common.Headers;
import io.streamplatform.common.recommendations.RecommendationsDefinition;
import java.util.List;
import java.util.Set;

/**
 * The bounded label of a dead letter's reason: the category its reason starts with (the text before the first
 * {@code ':'}, as every parser writes them: {@code not-json: unexpected END_ARRAY}), when it is one of
 * {@link #CATEGORIES}; {@link #OTHER} for anything else. The full reason stays in the dead letter's
 * {@code dlq.reason} header; only the category becomes the {@code reason} label of {@code dead_letters}, so the
 * label's values stay a small fixed set whatever the input. As a label value a category has {@code _} for {@code -}
 * ({@link PlatformMetrics#labelValue}): {@code reason="not_json"}.
 *
 * <p>Which categories each catalogue job can give:
 * <ul>
 *   <li>events: {@code not-json}, {@code not-utf8}, {@code oversized}, {@code missing-field}, {@code wrong-type},
 *       {@code invalid-value}, {@code late};</li>
 *   <li>logs: {@code not-a-log-line}, {@code oversized}, {@code missing-field}, {@code wrong-type},
 *       {@code impossible}, {@code bad-timestamp}, {@code late};</li>
 *   <li>grid and clickstream: {@code not-json}, {@code too-large}, {@code missing-field}, {@code wrong-type},
 *       {@code impossible}, {@code bad-timestamp}, {@code late};</li>
 *   <li>recommendations: {@code not-json}, {@code too-large}, {@code missing-field}, {@code wrong-type},
 *       {@code impossible}, {@code unknown-video}, {@code late}.</li>
 * </ul>
 * A job with categories of its own adds them here; until then they count as {@code other}.
 */
public final class DeadLetterReasons {
    /** The label of a reason whose category is not one of {@link #CATEGORIES}. */
    public static final String OTHER = "other";

    /** Every category a catalogue job's dead letter can have, in no particular order. */
    public static final List<String> CATEGORIES = List.of(
            "not-json", "not-utf8", "oversized", "too-large", "missing-field", "wrong-type", "invalid-value",
            "impossible", "bad-timestamp", "not-a-log-line",
            category(Headers.LATE_REASON), category(RecommendationsDefinition.UNKNOWN_VIDEO_REASON));

    private static final Set<String> KNOWN = Set.copyOf(CATEGORIES);

    private DeadLetterReasons() {}

    /** The reason's category if it is a known one, else {@link #OTHER}. */
    public static String label(String reason) {
        if (reason == null) return OTHER;
        String category = category(reason);
        return KNOWN.contains(category) ? category : OTHER;
    }

    private static String category(String reason) {
        int colon = reason.indexOf(':');
        return (colon < 0 ? reason : reason.substring(0, colon)).strip();
    }
}
