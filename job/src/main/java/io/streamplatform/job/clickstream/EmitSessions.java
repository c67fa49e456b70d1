package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Session;
import io.streamplatform.job.core.Upsert;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Writes a session's summary under {@code <user>/<start>} each time its window fires (once on time, again for each
 * late click). A late click can bridge two sessions: the merged window then replaces sessions already written under
 * other starts, and each of those keys gets a tombstone. The user's written sessions are remembered until their
 * windows are purged (then {@link #clear} forgets them), so the state of a user who went quiet is gone too.
 */
final class EmitSessions extends ProcessWindowFunction<SessionAcc, Upsert, String, TimeWindow> {
    private static final ListStateDescriptor<Long> WRITTEN = new ListStateDescriptor<>("written-session-starts", Long.class);

    @Override
    public void process(String user, Context ctx, Iterable<SessionAcc> elements, Collector<Upsert> out) throws Exception {
        SessionAcc acc = elements.iterator().next();
        TimeWindow window = ctx.window();
        ListState<Long> written = ctx.globalState().getListState(WRITTEN);
        List<Long> keep = new ArrayList<>();
        for (long start : written.get()) {
            if (start != acc.first && start >= window.getStart() && start < window.getEnd()) {
                out.collect(new Upsert(Session.key(user, start), null, window.maxTimestamp()));
            } else if (start != acc.first) {
                keep.add(start);
            }
        }
        keep.add(acc.first);
        written.update(keep);

        Session s = new Session();
        s.user = user;
        s.start = acc.first;
        s.end = acc.last;
        s.views = acc.views;
        s.clicks = acc.clicks;
        s.carts = acc.carts;
        s.purchases = acc.purchases;
        s.products = acc.products.length;
        s.revenueCents = acc.revenueCents;
        out.collect(new Upsert(s.key(), s.encode(), s.end));
    }

    @Override
    public void clear(Context ctx) throws Exception {
        ListState<Long> written = ctx.globalState().getListState(WRITTEN);
        List<Long> keep = new ArrayList<>();
        for (long start : written.get()) if (start != ctx.window().getStart()) keep.add(start);
        if (keep.isEmpty()) written.clear();
        else written.update(keep);
    }
}
