package io.streamplatform.job.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.recommendations.RecommendationsDefinition;
import org.junit.jupiter.api.Test;

/** The reason label is the reason's category from a fixed set, whatever text follows it; label values as Prometheus shows them. */
class DeadLetterReasonsTest {
    @Test
    void theLabelIsTheCategoryOfAKnownReasonAndOtherForAnythingElse() {
        assertThat(DeadLetterReasons.label("not-json: Unexpected character ('o' (code 111))")).isEqualTo("not-json");
        assertThat(DeadLetterReasons.label("impossible: status 999")).isEqualTo("impossible");
        assertThat(DeadLetterReasons.label(Headers.LATE_REASON + "event time behind the watermark")).isEqualTo("late");
        assertThat(DeadLetterReasons.label(RecommendationsDefinition.UNKNOWN_VIDEO_REASON + "v-1 not in the catalogue")).isEqualTo("unknown-video");
        assertThat(DeadLetterReasons.label("not-toy: not run,seq,word")).isEqualTo(DeadLetterReasons.OTHER);
        assertThat(DeadLetterReasons.label("free text without a category")).isEqualTo(DeadLetterReasons.OTHER);
        assertThat(DeadLetterReasons.label(null)).isEqualTo(DeadLetterReasons.OTHER);
        assertThat(DeadLetterReasons.CATEGORIES).contains("late", "unknown-video").doesNotContain(DeadLetterReasons.OTHER).doesNotHaveDuplicates();
    }

    @Test
    void labelValuesAreLettersDigitsAndUnderscores() {
        assertThat(PlatformMetrics.labelValue("not-json")).isEqualTo("not_json");
        assertThat(PlatformMetrics.labelValue("over-voltage")).isEqualTo("over_voltage");
        assertThat(PlatformMetrics.labelValue("dlq")).isEqualTo("dlq");
        assertThat(PlatformMetrics.labelValue("a b.c/ü_9")).isEqualTo("a_b_c___9");
    }
}
