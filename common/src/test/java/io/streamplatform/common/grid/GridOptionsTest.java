package io.streamplatform.common.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.OptionInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GridOptionsTest {
    final GridDefinition grid = new GridDefinition();

    @Test
    void registeredWithItsTopicsAndDefaults() {
        assertThat(Catalogue.get("grid")).isInstanceOf(GridDefinition.class);
        GridOptions o = grid.parse();
        assertThat(o.topics()).containsExactly(java.util.Map.entry("input", "grid-readings"), java.util.Map.entry("aggregates", "grid-aggregates"),
                java.util.Map.entry("alerts", "grid-alerts"), java.util.Map.entry("dlq", "grid-dlq"));
        assertThat(grid.topics()).extracting(t -> t.partitions()).containsExactly(4, 4, 4, 1);
        assertThat(o.aggregateWindow).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.surgeReadings).isEqualTo(3);
        GridOptions.Thresholds t = o.thresholds();
        assertThat(t).isEqualTo(new GridOptions.Thresholds(253_000, 207_000, 50_000, 500, 90_000, 75_000, 400_000));
    }

    @Test
    void everyOptionIsDescribedAndTyped() {
        List<OptionInfo> options = grid.options();
        assertThat(options).allSatisfy(o -> assertThat(o.description()).isNotBlank());
        assertThat(options).filteredOn(o -> o.name().equals("nominal-voltage")).singleElement()
                .satisfies(o -> assertThat(o.type()).isEqualTo(OptionInfo.Type.NUMBER));
        assertThat(options).filteredOn(o -> o.name().equals("surge-readings")).singleElement()
                .satisfies(o -> assertThat(o.type()).isEqualTo(OptionInfo.Type.INTEGER));
        assertThat(options).filteredOn(o -> o.name().equals("episode-gap")).singleElement()
                .satisfies(o -> assertThat(o.type()).isEqualTo(OptionInfo.Type.DURATION));
    }

    /** As the Kubernetes renderers' tests set them: numbers half a unit up, integers 12345, durations 3 s. */
    @Test
    void unusualButSaneValuesOfEveryOptionValidate() {
        List<String> args = new ArrayList<>();
        for (OptionInfo o : grid.options()) {
            switch (o.type()) {
                case NUMBER -> args.addAll(List.of(o.flag(), Double.toString(Double.parseDouble(o.defaultValue()) + 0.5)));
                case INTEGER -> args.addAll(List.of(o.flag(), o.name().equals("fail-once-after") ? "0" : "12345"));
                case DURATION -> args.addAll(List.of(o.flag(), o.name().equals("transaction-timeout") ? "7m" : "3s"));
                default -> { }
            }
        }
        GridOptions o = grid.parse(args);
        assertThat(o.surgeReadings).isEqualTo(12345);
        assertThat(o.warningTemperature).isEqualTo(75.5);
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        assertThatThrownBy(() -> grid.parse("--warning-temperature", "90")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--warning-temperature must be < --max-temperature");
        assertThatThrownBy(() -> grid.parse("--surge-readings", "1")).hasMessage("--surge-readings must be >= 2");
        assertThatThrownBy(() -> grid.parse("--voltage-tolerance", "1")).hasMessage("--voltage-tolerance must be > 0 and < 1");
        assertThatThrownBy(() -> grid.parse("--max-frequency-deviation", "0")).hasMessage("--max-frequency-deviation must be > 0 and < --nominal-frequency");
        assertThatThrownBy(() -> grid.parse("--episode-gap", "0s")).hasMessage("--episode-gap must be > 0");
        assertThatThrownBy(() -> grid.parse("--nominal-voltage", "NaN")).hasMessage("--nominal-voltage must be > 0");
    }
}
