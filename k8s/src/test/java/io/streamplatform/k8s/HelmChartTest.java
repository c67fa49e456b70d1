package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.streamplatform.k8s.support.Chart;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart itself: lint --strict clean, values.schema.json and the template checks reject bad values. */
class HelmChartTest {

    @Test
    void lintStrictIsClean() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict failed: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("helm lint --strict messages")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void schemaRejectsAWrongType() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.parallelism=four")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("parallelism");
    }

    @Test
    void schemaRejectsAnUnknownKey() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.paralelism=4")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("paralelism");
    }

    @Test
    void schemaRejectsAValueOutsideItsEnum() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("flink.delivery=maybe-once")))
                .hasMessageContaining("delivery");
    }

    @Test
    void templateRejectsTopicReplicasAboveBrokerCount() {
        assertThatThrownBy(() -> Chart.template(List.of(), List.of("topics.input.replicas=3")))
                .hasMessageContaining("topics.input.replicas (3) must not exceed kafka.replicas (1)");
    }

    @Test
    void defaultValuesRender() {
        assertThat(Chart.template(List.of(), List.of()))
                .contains("kind: FlinkDeployment")
                .contains("parallelism: 2");
    }
}
