package io.streamplatform.job.recommendations;

import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Keyed by user, one window: per video the most of it seen (permille) and its category, videos sorted by id. */
final class Engagement extends ProcessWindowFunction<EnrichedWatch, UserWindow, String, TimeWindow> {
    @Override
    public void process(String user, Context ctx, Iterable<EnrichedWatch> watches, Collector<UserWindow> out) {
        TreeMap<String, EnrichedWatch> best = new TreeMap<>();
        for (EnrichedWatch w : watches) best.merge(w.video, w, (a, b) -> b.permille > a.permille ? withPermille(a, b.permille) : a);
        UserWindow u = new UserWindow();
        u.user = user;
        u.windowEnd = ctx.window().getEnd();
        u.videos = new String[best.size()];
        u.categories = new String[best.size()];
        u.permille = new int[best.size()];
        int i = 0;
        for (EnrichedWatch w : best.values()) {
            u.videos[i] = w.video;
            u.categories[i] = w.category;
            u.permille[i++] = w.permille;
        }
        out.collect(u);
    }

    /** The first watch seen of the video (its category), with a higher permille; a copy, as input objects may be reused. */
    private static EnrichedWatch withPermille(EnrichedWatch first, int permille) {
        EnrichedWatch e = new EnrichedWatch();
        e.video = first.video;
        e.category = first.category;
        e.permille = permille;
        return e;
    }
}
