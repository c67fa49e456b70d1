package io.streamplatform.job.clickstream;

import io.streamplatform.common.clickstream.Trending;
import io.streamplatform.job.core.Upsert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Ranks the products of one sliding window: the top N ({@link Trending#RANK}: most clicks first, ties by product id),
 * written when the window ends and again when a late click's count changes them.
 */
final class TopProducts extends WindowRollup<ProductWindow> {
    private final int n;

    TopProducts(long size, long latenessMs, int n) {
        super(size, latenessMs, TypeInformation.of(ProductWindow.class));
        this.n = n;
    }

    @Override
    String member(ProductWindow p) {
        return p.product;
    }

    @Override
    long start(ProductWindow p) {
        return p.start;
    }

    @Override
    Upsert rollUp(long start, long end, List<ProductWindow> counts) {
        List<Trending.ProductCount> top = counts.stream().map(p -> new Trending.ProductCount(p.product, p.events))
                .sorted(Trending.RANK).limit(n).toList();
        return new Upsert(Trending.key(start), new Trending(start, end, top).encode(), end - 1);
    }
}
