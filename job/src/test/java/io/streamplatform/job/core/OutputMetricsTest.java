package io.streamplatform.job.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The step before a sink passes everything on untouched and tells the watermark lag only while there is one to tell. */
class OutputMetricsTest {
    @Test
    void passesRecordsAndWatermarksOnAndTellsTheWatermarkLagOnlyBetweenTheFirstWatermarkAndTheEndOfInput() throws Exception {
        OutputMetrics<String> step = new OutputMetrics<>("output");
        try (OneInputStreamOperatorTestHarness<String, String> h = new OneInputStreamOperatorTestHarness<>(step)) {
            h.open();
            assertThat(step.watermarkLag()).as("no watermark yet").isNaN();

            h.processElement(new StreamRecord<>("a", 10));
            long before = System.currentTimeMillis();
            h.processWatermark(new Watermark(before - 5_000));
            long after = System.currentTimeMillis();
            assertThat(step.watermarkLag()).isBetween(5_000.0, after - before + 5_000.0 + 1_000);
            h.processElement(new StreamRecord<>("b"));

            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(step.watermarkLag()).as("after the end of input").isNaN();
            assertThat(h.getOutput()).containsExactly(new StreamRecord<>("a", 10), new Watermark(before - 5_000),
                    new StreamRecord<>("b"), Watermark.MAX_WATERMARK);
        }
    }
}
