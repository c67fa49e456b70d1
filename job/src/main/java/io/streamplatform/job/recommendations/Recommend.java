package io.streamplatform.job.recommendations;

import io.streamplatform.common.recommendations.Recommendation;
import io.streamplatform.job.core.PlatformMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: at the end of each window in which the user watched something (an event-time timer at its last
 * millisecond, so the window's engagement and every co-watch row for it are in), the README's algorithm:
 * <ol>
 *   <li>forget the user if the window ends more than {@code --user-ttl} after their last one;</li>
 *   <li>decay the profile: every category's weight times 2^(-(end - last end) / half-life), categories in order;</li>
 *   <li>add each watched video's permille / 1000 to its category, videos in id order; add them to the watched set;</li>
 *   <li>candidates: videos co-watched with the window's videos and never watched by the user; score(b) =
 *       (sum over the user's videos a of count(a, b)) * (1 + weight of b's category);</li>
 *   <li>top K by score (descending), then video id; emitted only when the videos differ from the last list.</li>
 * </ol>
 * A timer {@code --user-ttl} after the end of a user's last window clears their profile, watched set and last list,
 * so idle users cost nothing. Lists emitted are counted in {@code platform → lists_emitted}, forgotten users in
 * {@code platform → users_expired}.
 */
final class Recommend extends KeyedCoProcessFunction<String, UserWindow, CoWatchRow, Recommendation> {
    private final long ttlMs;
    private final double halfLifeMs;
    private final int topK;
    private transient MapState<Long, UserWindow> engagement;
    private transient ListState<CoWatchRow> rows;
    private transient ValueState<Profile> profile;
    private transient ValueState<String[]> watched;
    private transient ValueState<String[]> lastList;
    private transient ValueState<Long> lastEnd;
    private transient Counter emitted;
    private transient Counter expired;

    Recommend(Duration ttl, Duration halfLife, int topK) {
        this.ttlMs = ttl.toMillis();
        this.halfLifeMs = halfLife.toMillis();
        this.topK = topK;
    }

    @Override
    public void open(OpenContext openContext) {
        engagement = getRuntimeContext().getMapState(new MapStateDescriptor<>("engagement", Types.LONG, TypeInformation.of(UserWindow.class)));
        rows = getRuntimeContext().getListState(new ListStateDescriptor<>("co-watch", TypeInformation.of(CoWatchRow.class)));
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", TypeInformation.of(Profile.class)));
        watched = getRuntimeContext().getState(new ValueStateDescriptor<>("watched", Types.OBJECT_ARRAY(Types.STRING)));
        lastList = getRuntimeContext().getState(new ValueStateDescriptor<>("last-list", Types.OBJECT_ARRAY(Types.STRING)));
        lastEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-end", Types.LONG));
        emitted = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "lists_emitted");
        expired = PlatformMetrics.counter(getRuntimeContext().getMetricGroup(), "users_expired");
    }

    @Override
    public void processElement1(UserWindow u, Context ctx, Collector<Recommendation> out) throws Exception {
        engagement.put(u.windowEnd, u);
        ctx.timerService().registerEventTimeTimer(u.windowEnd - 1);
    }

    @Override
    public void processElement2(CoWatchRow row, Context ctx, Collector<Recommendation> out) throws Exception {
        rows.add(row);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Recommendation> out) throws Exception {
        Long last = lastEnd.value();
        if (last != null && timestamp >= last + ttlMs) {
            forget();
            expired.inc();
        }
        UserWindow u = engagement.get(timestamp + 1);
        if (u == null) return;
        engagement.remove(timestamp + 1);
        if (engagement.isEmpty()) engagement.clear();
        List<CoWatchRow> now = new ArrayList<>();
        List<CoWatchRow> later = new ArrayList<>();
        for (CoWatchRow r : rows.get()) (r.windowEnd == u.windowEnd ? now : later).add(r);
        rows.update(later);
        recommend(ctx.getCurrentKey(), u, now, out);
        ctx.timerService().registerEventTimeTimer(u.windowEnd + ttlMs);
    }

    private void forget() {
        profile.clear();
        watched.clear();
        lastList.clear();
        lastEnd.clear();
    }

    /** Higher score first, then the smaller video id. */
    private static boolean ranksBefore(double score, String video, double otherScore, String otherVideo) {
        return score != otherScore ? score > otherScore : video.compareTo(otherVideo) < 0;
    }

    /** The union of two sorted arrays of distinct ids, sorted. */
    static String[] merge(String[] a, String[] b) {
        if (a == null || a.length == 0) return b.clone();
        String[] out = new String[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            int c = i == a.length ? 1 : j == b.length ? -1 : a[i].compareTo(b[j]);
            if (c < 0) out[n++] = a[i++];
            else if (c > 0) out[n++] = b[j++];
            else {
                out[n++] = a[i++];
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private void recommend(String user, UserWindow u, List<CoWatchRow> coWatched, Collector<Recommendation> out) throws Exception {
        Long last = lastEnd.value();
        if (last != null && u.windowEnd - last > ttlMs) { // the TTL timer fires first; kept for a restore from old state
            forget();
            last = null;
        }
        Profile p = profile.value();
        if (p == null) p = new Profile();
        if (last != null) p.decay(Math.pow(2.0, -(double) (u.windowEnd - last) / halfLifeMs));
        for (int i = 0; i < u.videos.length; i++) p.add(u.categories[i], u.permille[i] / 1000.0);
        profile.update(p);

        String[] seen = merge(watched.value(), u.videos);
        watched.update(seen);

        // Integer sums: their order does not matter; the ranking below is a total order (score, then video id).
        HashMap<String, long[]> sums = new HashMap<>();
        HashMap<String, String> categories = new HashMap<>();
        for (CoWatchRow r : coWatched) {
            for (int i = 0; i < r.videos.length; i++) {
                if (Arrays.binarySearch(seen, r.videos[i]) >= 0) continue;
                long[] sum = sums.get(r.videos[i]);
                if (sum == null) {
                    sums.put(r.videos[i], new long[] {r.counts[i]});
                    categories.put(r.videos[i], r.categories[i]);
                } else {
                    sum[0] += r.counts[i];
                }
            }
        }
        // The top K by insertion into a short sorted array: K is small next to the candidates.
        int k = Math.min(topK, sums.size());
        String[] top = new String[k];
        double[] topScores = new double[k];
        int filled = 0;
        for (var e : sums.entrySet()) {
            String video = e.getKey();
            double score = e.getValue()[0] * (1.0 + p.weight(categories.get(video)));
            int at = filled;
            while (at > 0 && ranksBefore(score, video, topScores[at - 1], top[at - 1])) at--;
            if (at >= k) continue;
            int end = Math.min(filled, k - 1);
            System.arraycopy(top, at, top, at + 1, end - at);
            System.arraycopy(topScores, at, topScores, at + 1, end - at);
            top[at] = video;
            topScores[at] = score;
            if (filled < k) filled++;
        }
        String[] previous = lastList.value();
        if (!Arrays.equals(top, previous == null ? new String[0] : previous)) {
            out.collect(new Recommendation(user, u.windowEnd, top, topScores));
            emitted.inc();
            if (top.length == 0) lastList.clear();
            else lastList.update(top);
        }
        lastEnd.update(u.windowEnd);
    }
}
