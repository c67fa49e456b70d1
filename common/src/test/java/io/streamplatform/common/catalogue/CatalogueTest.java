package io.streamplatform.common.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The catalogue as every part sees it: the registered jobs, their parser, their options as the renderers read them. */
class CatalogueTest {

    @Test
    void theEventsJobIsRegisteredAndIsTheDefault() {
        assertThat(Catalogue.names()).first().isEqualTo("events");
        assertThat(Catalogue.defaultJob()).isInstanceOf(EventsDefinition.class);
    }

    @Test
    void anUnknownJobNamesTheKnownOnes() {
        assertThatThrownBy(() -> Catalogue.get("nope"))
                .isInstanceOf(Catalogue.UnknownJobException.class)
                .hasMessage("unknown job 'nope' (known: " + String.join(", ", Catalogue.names()) + ")");
    }

    @Test
    void defaultsComeFromTheJobsOwnDescription() {
        EventsOptions o = new EventsDefinition().parse();
        assertThat(o.topics()).containsExactly(
                java.util.Map.entry("input", "events"), java.util.Map.entry("output", "events-normalized"),
                java.util.Map.entry("counts", "event-counts"), java.util.Map.entry("dlq", "events-dlq"));
        assertThat(o.groupId).isEqualTo("streaming-platform-events");
        assertThat(o.transactionalIdPrefix()).isEqualTo("streaming-platform-events");
        assertThat(o.jobName).isEqualTo("streaming-platform-events");
        assertThat(o.delivery).isEqualTo(JobOptions.Delivery.EXACTLY_ONCE);
        assertThat(o.window).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.windowCounts).isTrue();
        assertThat(o.parallelism).isNull();
        assertThat(o.stateBackend).isNull();
    }

    @Test
    void topicFlagsBooleansAndPropertiesParse() {
        EventsOptions o = new EventsDefinition().parse("--input-topic", "in", "--dlq-topic", "dead", "--window-counts=false",
                "--producer-property", "linger.ms=20", "--delivery", "at-least-once", "--window", "2s");
        assertThat(o.topic(EventsDefinition.INPUT)).isEqualTo("in");
        assertThat(o.topic(EventsDefinition.DLQ)).isEqualTo("dead");
        assertThat(o.windowCounts).isFalse();
        assertThat(o.producerProperties).containsEntry("linger.ms", "20");
        assertThat(o.delivery).isEqualTo(JobOptions.Delivery.AT_LEAST_ONCE);
        assertThat(new EventsDefinition().parse("--no-window-counts").windowCounts).isFalse();
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        EventsDefinition events = new EventsDefinition();
        assertThatThrownBy(() -> events.parse("--window", "5")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'5' has no unit");
        assertThatThrownBy(() -> events.parse("--window", "0")).hasMessage("--window must be > 0");
        assertThatThrownBy(() -> events.parse("--output-topic", "events")).hasMessageContaining("the job's topics must all differ");
        assertThatThrownBy(() -> events.parse("--delivery", "maybe-once")).hasMessageContaining("'maybe-once' is not one of [exactly-once, at-least-once]");
        assertThatThrownBy(() -> events.parse("--checkpoint-interval", "10s", "--transaction-timeout", "5s"))
                .hasMessage("--transaction-timeout must exceed --checkpoint-interval");
        assertThatThrownBy(() -> events.parse("--no-such-option")).hasMessageContaining("Unknown option: '--no-such-option'");
    }

    @Test
    void theOptionModelIsReadFromTheParser() {
        var options = new EventsDefinition().options();
        assertThat(options).extracting(OptionInfo::name).contains("bootstrap", "delivery", "window", "window-counts", "input-topic",
                "dlq-topic", "producer-property").doesNotContain("fail-once-after", "help", "version");
        OptionInfo window = find(options, "window");
        assertThat(window.type()).isEqualTo(OptionInfo.Type.DURATION);
        assertThat(window.defaultValue()).isEqualTo("10s");
        assertThat(find(options, "delivery").values()).containsExactly("exactly-once", "at-least-once");
        assertThat(find(options, "window-counts").type()).isEqualTo(OptionInfo.Type.BOOLEAN);
        assertThat(find(options, "producer-property").type()).isEqualTo(OptionInfo.Type.PROPERTIES);
        assertThat(find(options, "parallelism").defaultValue()).isNull();
        assertThat(find(options, "group-id").defaultValue()).isEqualTo("streaming-platform-events");
        assertThat(find(options, "input-topic").defaultValue()).isEqualTo("events");
    }

    private static OptionInfo find(java.util.List<OptionInfo> options, String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
