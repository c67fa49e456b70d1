package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Funnel;
import io.streamplatform.job.core.Upsert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The funnel of all categories together in one window ({@link Funnel#ALL}): the sum of the categories' funnels. */
final class TotalFunnel extends WindowRollup<Funnel> {
    TotalFunnel(long size, long latenessMs) {
        super(size, latenessMs, TypeInformation.of(Funnel.class));
    }

    @Override
    String member(Funnel f) {
        return f.category;
    }

    @Override
    long start(Funnel f) {
        return f.start;
    }

    @Override
    Upsert rollUp(long start, long end, List<Funnel> categories) {
        Funnel total = Funnel.total(categories);
        return new Upsert(total.key(), total.encode(), end - 1);
    }
}
