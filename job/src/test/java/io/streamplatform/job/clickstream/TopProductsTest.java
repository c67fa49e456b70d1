package io.streamplatform.job.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.clickstream.Trending;
import io.streamplatform.job.core.Upsert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The ranking of one sliding window's products, in Flink's keyed harness. */
class TopProductsTest {
    private static final long SIZE = 300_000;
    private static final long LATENESS = 600_000;
    private static final long W = 1_764_583_200_000L;

    private static void count(KeyedOneInputStreamOperatorTestHarness<Long, ProductWindow, Upsert> h, String product, long events) throws Exception {
        h.processElement(new ProductWindow(product, W, events), W + SIZE - 1);
    }

    private static List<Trending> written(KeyedOneInputStreamOperatorTestHarness<Long, ProductWindow, Upsert> h) {
        List<Trending> out = h.extractOutputValues().stream().map(u -> Trending.decode(u.value)).toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void ranksByClicksThenProductIdAndRewritesOnlyWhenALateCountChangesTheTop() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TopProducts(SIZE, LATENESS, 2), (ProductWindow p) -> p.start, Types.LONG)) {
            count(h, "p-3", 2);
            count(h, "p-1", 2);
            count(h, "p-2", 1);
            assertThat(written(h)).as("nothing before the window ends").isEmpty();
            h.processWatermark(W + SIZE - 1);
            assertThat(written(h)).containsExactly(new Trending(W, W + SIZE,
                    List.of(new Trending.ProductCount("p-1", 2), new Trending.ProductCount("p-3", 2))));

            count(h, "p-9", 1); // late, below the top: no rewrite
            assertThat(written(h)).isEmpty();
            count(h, "p-2", 3); // late, into the top
            assertThat(written(h)).containsExactly(new Trending(W, W + SIZE,
                    List.of(new Trending.ProductCount("p-2", 3), new Trending.ProductCount("p-1", 2))));

            h.processWatermark(W + SIZE + LATENESS);
            assertThat(h.numKeyedStateEntries()).as("state gone once no late count can come").isZero();
        }
    }
}
