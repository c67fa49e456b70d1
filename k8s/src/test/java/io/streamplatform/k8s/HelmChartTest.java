package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.ChartCopy;
import io.streamplatform.k8s.support.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart itself: lint --strict clean, values.schema.json and the template checks reject bad values. */
class HelmChartTest {

    @Test
    void lintStrictIsClean() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("helm lint --strict messages")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    /** The same with monitoring on (lint reads only the chart's own values: a copy of the chart turns it on). */
    @Test
    void lintStrictIsCleanWithMonitoring(@TempDir Path tmp) throws IOException {
        Path chart = ChartCopy.of(tmp);
        Path values = chart.resolve("values.yaml");
        String text = Files.readString(values);
        assertThat(text).contains("monitoring:\n  # ");
        Files.writeString(values, text.replaceFirst("(?m)^(monitoring:(\\n  #[^\\n]*)*\\n  enabled:) false", "$1 true"));
        assertThat(Chart.template(chart, List.of(), List.of(), Chart.NAMESPACE)).as("the copy has monitoring on").contains("kind: PodMonitor");
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("helm lint --strict messages")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void schemaRejectsAWrongType() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.parallelism=four")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("parallelism");
    }

    @Test
    void schemaRejectsAnUnknownKey() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.paralelism=4")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("paralelism");
    }

    @Test
    void schemaRejectsAValueOutsideItsEnum() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.options.delivery=maybe-once")))
                .hasMessageContaining("delivery");
    }

    @Test
    void schemaRejectsS3StateStorageWithoutBucketOrSecretAndUnknownKeysUnderS3() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.stateStorage.type=s3", "flink.stateStorage.s3.credentialsSecret=s3-creds")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/flink/stateStorage/s3/bucket").hasMessageNotContaining("credentialsSecret");
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.stateStorage.type=s3", "flink.stateStorage.s3.bucket=flink-state")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/flink/stateStorage/s3/credentialsSecret");
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.stateStorage.s3.region=eu-west-1")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("region");
        assertThat(Chart.template(List.of(), List.of("flink.stateStorage.s3.bucket=", "flink.stateStorage.s3.credentialsSecret=")))
                .as("an empty bucket and Secret are fine with hostPath").contains("file:///flink-data/checkpoints");
    }

    @Test
    void templateRejectsTopicReplicasAboveBrokerCount() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.topics.input.replicas=3")))
                .hasMessageContaining("jobs.events.topics.input.replicas (3) must not exceed kafka.replicas (1)");
    }

    @Test
    void schemaRejectsAnUnknownJobNamingTheKnownOnesAndAnUnknownOption() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.nope.enabled=true")))
                .hasMessageContaining("invalid propertyName 'nope'")
                .hasMessageContaining(io.streamplatform.common.catalogue.Catalogue.names().stream()
                        .map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", ")));
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.options.nope=1")))
                .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining("nope");
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.options.window=5")))
                .hasMessageContaining("window");
    }

    @Test
    void templateRejectsAnAppOfADisabledJob() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("jobs.events.enabled=false")))
                .hasMessageContaining("producer.job 'events' is not an enabled job");
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("consumer.job=nope")))
                .hasMessageContaining("consumer.job 'nope' is not an enabled job");
    }

    @Test
    void everyObjectGoesToTheReleaseNamespaceWithHelmsStandardLabels() {
        String yaml = Chart.template(Chart.DIR, List.of(), List.of(), "other");
        assertThat(Manifests.documents(yaml)).isNotEmpty().allSatisfy(o -> {
            assertThat(o.path("metadata").path("namespace").asText()).as(Manifests.key(o)).isEqualTo("other");
            assertThat(o.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText()).isEqualTo("Helm");
            assertThat(o.path("metadata").path("labels").path("helm.sh/chart").asText()).isEqualTo("streaming-platform-0.1.0");
        });
        assertThat(yaml).contains("streaming-kafka-bootstrap.other.svc:9093").doesNotContain(".streaming.svc");
    }

    @Test
    void defaultValuesRender() {
        assertThat(Chart.template(List.of(), List.of()))
                .contains("kind: FlinkDeployment")
                .contains("parallelism: 2");
    }
}
