package io.streamplatform.common.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.catalogue.Catalogue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RecommendationsOptionsTest {
    final RecommendationsDefinition job = new RecommendationsDefinition();

    @Test
    void registeredWithTwoInputsCompactedTopicsAndDefaults() {
        assertThat(Catalogue.get("recommendations")).isInstanceOf(RecommendationsDefinition.class);
        RecommendationsOptions o = job.parse();
        assertThat(o.topics()).containsExactly(Map.entry("watches", "video-watches"), Map.entry("videos", "video-catalogue"),
                Map.entry("recommendations", "video-recommendations"), Map.entry("dlq", "video-dlq"));
        assertThat(job.inputs()).extracting(t -> t.role()).containsExactly("watches", "videos");
        assertThat(job.topic("videos").config()).containsEntry("cleanup.policy", "compact");
        assertThat(job.topic("recommendations").config()).containsEntry("cleanup.policy", "compact");
        assertThat(job.topic("videos").partitions()).isEqualTo(1);
        assertThat(o.window).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.topK).isEqualTo(10);
        assertThat(o.halfLife).isEqualTo(Duration.ofHours(1));
        assertThat(o.userTtl).isEqualTo(Duration.ofHours(2));
        assertThat(o.unknownVideoWait).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.options()).allSatisfy(i -> assertThat(i.description()).isNotBlank());
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        assertBad("--window must be > 0", "--window", "0s");
        assertBad("--top-k must be between 1 and 20000", "--top-k", "0");
        assertBad("--top-k must be between 1 and 20000", "--top-k", "20001");
        assertBad("--half-life must be > 0", "--half-life", "0s");
        assertBad("--user-ttl must be >= --window", "--user-ttl", "5m");
        assertBad("--unknown-video-wait must be > 0", "--unknown-video-wait", "0s");
        assertThat(job.parse("--user-ttl", "10m", "--window", "10m").userTtl).isEqualTo(Duration.ofMinutes(10));
    }

    private void assertBad(String message, String... args) {
        assertThatThrownBy(() -> job.parse(args)).isInstanceOf(CommandLine.ParameterException.class).hasMessage(message);
    }
}
