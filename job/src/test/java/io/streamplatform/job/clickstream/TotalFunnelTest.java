package io.streamplatform.job.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.clickstream.Funnel;
import io.streamplatform.job.core.Upsert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The all-categories funnel of a window, in Flink's keyed harness. */
class TotalFunnelTest {
    private static final long SIZE = 60_000;
    private static final long LATENESS = 600_000;
    private static final long W = 1_764_583_200_000L;

    private static void category(KeyedOneInputStreamOperatorTestHarness<Long, Funnel, Upsert> h, String category, long views, long carts) throws Exception {
        Funnel f = new Funnel();
        f.category = category;
        f.start = W;
        f.end = W + SIZE;
        f.views = views;
        f.carts = carts;
        h.processElement(f, W + SIZE - 1);
    }

    private static List<String> written(KeyedOneInputStreamOperatorTestHarness<Long, Funnel, Upsert> h) {
        List<String> out = h.extractOutputValues().stream().map(u -> {
            Funnel f = Funnel.decode(u.value);
            assertThat(u.key).isEqualTo(Funnel.key(Funnel.ALL, W));
            return f.views + "/" + f.carts;
        }).toList();
        h.getOutput().clear();
        return out;
    }

    @Test
    void sumsTheCategoriesAtTheWindowsEndAndAgainWhenALateCategoryResultChangesIt() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new TotalFunnel(SIZE, LATENESS), (Funnel f) -> f.start, Types.LONG)) {
            category(h, "books", 10, 2);
            category(h, "toys", 5, 1);
            assertThat(written(h)).isEmpty();
            h.processWatermark(W + SIZE - 1);
            assertThat(written(h)).containsExactly("15/3");
            category(h, "books", 11, 2); // the books window fired again for a late view: its new result replaces the old
            assertThat(written(h)).containsExactly("16/3");
            h.processWatermark(W + SIZE + LATENESS);
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
