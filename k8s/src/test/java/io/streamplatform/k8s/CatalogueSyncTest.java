package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamplatform.k8s.chart.ChartSync;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.ValuesException;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.ChartCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart says what the catalogue says: the jobs part of values.schema.json, templates/_catalogue.tpl and the
 * topics of each values.yaml entry are derived from the job catalogue; a change to a job (an option renamed, a topic
 * added) without {@code k8s.jar sync-chart} fails here.
 */
class CatalogueSyncTest {

    @Test
    void theCommittedChartIsInStepWithTheCatalogue() {
        assertThat(ChartSync.check(Chart.DIR, JobCatalogue.installed()))
                .as("run `java -jar k8s/target/k8s.jar sync-chart` and review the result").isEmpty();
    }

    @Test
    void aChangedChartIsOutOfStepAndSyncBringsItBack(@TempDir Path dir) throws Exception {
        Path chart = ChartCopy.of(dir);
        Path schema = chart.resolve("values.schema.json");
        Files.writeString(schema, Files.readString(schema).replace("\"window\"", "\"window-size\""));
        assertThat(ChartSync.check(chart, JobCatalogue.installed())).containsExactly("values.schema.json: its jobs part is not the catalogue's");

        assertThat(ChartSync.apply(chart, JobCatalogue.installed())).containsExactly("values.schema.json: jobs");
        assertThat(ChartSync.check(chart, JobCatalogue.installed())).isEmpty();
        assertThat(Files.readString(schema)).isEqualTo(Files.readString(Chart.DIR.resolve("values.schema.json")));
    }

    @Test
    void aTopicNotTheCatalogueDefaultInTheChartsValuesIsReported(@TempDir Path dir) throws Exception {
        Path chart = ChartCopy.of(dir);
        Path values = chart.resolve("values.yaml");
        Files.writeString(values, Files.readString(values).replace("name: events-normalized", "name: normalized"));
        assertThat(ChartSync.check(chart, JobCatalogue.installed()))
                .singleElement().asString().startsWith("jobs.events.topics.output is not the catalogue's default");
        assertThatThrownBy(() -> ChartSync.apply(chart, JobCatalogue.installed())).isInstanceOf(ValuesException.class)
                .hasMessageContaining("values.yaml differs from the catalogue");
    }
}
