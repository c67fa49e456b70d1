package io.streamplatform.job.recommendations;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Keyed by video a, one window: every user who watched a sent the videos they watched in it. count(a, b) is the
 * number of those users who also watched b; each of them receives the counts of all b != a with b's category.
 */
final class CoWatch extends ProcessWindowFunction<UserWindow, CoWatchRow, String, TimeWindow> {
    @Override
    public void process(String anchor, Context ctx, Iterable<UserWindow> baskets, Collector<CoWatchRow> out) {
        TreeMap<String, int[]> counts = new TreeMap<>();
        TreeMap<String, String> categories = new TreeMap<>();
        List<String> users = new ArrayList<>();
        for (UserWindow u : baskets) {
            users.add(u.user);
            for (int i = 0; i < u.videos.length; i++) {
                if (u.videos[i].equals(anchor)) continue;
                counts.computeIfAbsent(u.videos[i], k -> new int[1])[0]++;
                categories.putIfAbsent(u.videos[i], u.categories[i]);
            }
        }
        String[] videos = counts.keySet().toArray(String[]::new);
        int[] n = new int[videos.length];
        String[] cats = new String[videos.length];
        for (int i = 0; i < videos.length; i++) {
            n[i] = counts.get(videos[i])[0];
            cats[i] = categories.get(videos[i]);
        }
        for (String user : users) {
            CoWatchRow row = new CoWatchRow();
            row.user = user;
            row.windowEnd = ctx.window().getEnd();
            row.anchor = anchor;
            row.videos = videos;
            row.counts = n;
            row.categories = cats;
            out.collect(row);
        }
    }
}
