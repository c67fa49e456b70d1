package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.RestrictedPods;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With security on, every pod the platform renders (or has Strimzi render) meets the "restricted" Pod Security Standard
 * ({@link RestrictedPods}), in both renderers' output — but for state on a hostPath volume, which the standard forbids
 * and which is reported; brokers on persistent volumes keep Strimzi's volume group 0; with security off the pods are
 * not restricted. The checker itself reports each rule broken.
 */
class PodSecurityTest {

    /** Security on and checkpoints in an object store: everything restricted-compliant. */
    static Stream<ValueSet> compliant() {
        return Stream.of(
                ValueSets.securityWithPlainListenerAndMonitoring(),
                new ValueSet("security on, s3, every job, monitoring", List.of(ValueSets.everyOption(
                        io.streamplatform.k8s.model.JobCatalogue.installed()).files().get(0)), List.of(
                        "monitoring.enabled=true",
                        "flink.stateStorage.type=s3",
                        "flink.stateStorage.s3.bucket=flink-state",
                        "flink.stateStorage.s3.credentialsSecret=s3-credentials")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compliant")
    void everyPodIsRestrictedWithSecurityOnAndStateInAnObjectStore(ValueSet set) {
        for (List<JsonNode> rendered : List.of(helm(set), java(set))) {
            List<RestrictedPods.Pod> pods = RestrictedPods.pods(rendered);
            // The producer, the consumer, each job's Flink pods, the brokers, the entity operator, the Kafka exporter.
            long jobs = rendered.stream().filter(o -> o.path("kind").asText().equals("FlinkDeployment")).count();
            assertThat(jobs).isPositive();
            assertThat(pods).hasSize((int) (2 + jobs + 3));
            assertThat(RestrictedPods.violations(pods)).isEmpty();
        }
    }

    /** The Flink pods' user is the job image's (Jib's {@code images.job.user} in the root pom), written in two places. */
    @Test
    void theFlinkPodsRunAsTheJobImagesUser() throws Exception {
        String pom = Files.readString(Chart.DIR.resolve("../../pom.xml").normalize());
        var user = Pattern.compile("<images\\.job\\.user>(\\d+):\\d+</images\\.job\\.user>").matcher(pom);
        assertThat(user.find()).as("images.job.user in the root pom").isTrue();
        JsonNode values = new ObjectMapper(new YAMLFactory())
                .readTree(Chart.DIR.resolve("values.yaml").toFile());
        assertThat(values.path("flink").path("runAsUser").asText()).isEqualTo(user.group(1));
    }

    @Test
    void stateOnAHostPathIsTheOneViolationOfTheDefaults() {
        ValueSet defaults = new ValueSet("defaults", List.of(), List.of());
        for (List<JsonNode> rendered : List.of(helm(defaults), java(defaults))) {
            assertThat(RestrictedPods.violations(RestrictedPods.pods(rendered)))
                    .containsExactly("FlinkDeployment/streaming-job: volume flink-data is hostPath");
        }
    }

    @Test
    void brokersOnPersistentVolumesKeepStrimzisVolumeGroup() {
        ValueSet persistent = ValueSets.all().get(1);
        assertThat(persistent.name()).contains("persistent");
        for (List<JsonNode> rendered : List.of(helm(persistent), java(persistent))) {
            JsonNode pod = rendered.stream().filter(o -> o.path("kind").asText().equals("Kafka")).findFirst().orElseThrow()
                    .path("spec").path("kafka").path("template").path("pod").path("securityContext");
            assertThat(pod.path("fsGroup").isInt() && pod.path("fsGroup").asInt() == 0).as(pod.toString()).isTrue();
            assertThat(RestrictedPods.violations(RestrictedPods.pods(rendered))).containsExactly("FlinkDeployment/streaming-job: volume flink-data is hostPath");
        }
        for (List<JsonNode> rendered : List.of(helm(new ValueSet("defaults", List.of(), List.of())), java(new ValueSet("defaults", List.of(), List.of())))) {
            assertThat(rendered.stream().filter(o -> o.path("kind").asText().equals("Kafka")).findFirst().orElseThrow()
                    .path("spec").path("kafka").path("template").path("pod").path("securityContext").has("fsGroup")).isFalse();
        }
    }

    @Test
    void withSecurityOffThePodsAreNotRestricted() {
        List<String> violations = RestrictedPods.violations(RestrictedPods.pods(java(ValueSets.securityOff())));
        assertThat(violations).contains(
                "Deployment/streaming-producer: container producer: allowPrivilegeEscalation is not false",
                "Deployment/streaming-producer: container producer: runAsNonRoot is not true",
                "Kafka/streaming brokers: container kafkaContainer: capabilities do not drop ALL",
                "FlinkDeployment/streaming-job: container flink-main-container: seccompProfile is not RuntimeDefault or Localhost");
    }

    @Test
    void theCheckerReportsEachRuleBroken() {
        assertThat(broken(d -> pod(d).put("hostNetwork", true))).containsExactly("Deployment/streaming-producer: hostNetwork is true");
        assertThat(broken(d -> pod(d).put("hostPID", true))).containsExactly("Deployment/streaming-producer: hostPID is true");
        assertThat(broken(d -> ((ObjectNode) pod(d).path("securityContext")).put("runAsNonRoot", false)))
                .containsExactly("Deployment/streaming-producer: container producer: runAsNonRoot is not true");
        assertThat(broken(d -> ((ObjectNode) pod(d).path("securityContext")).put("runAsUser", 0)))
                .containsExactly("Deployment/streaming-producer: runAsUser is 0");
        assertThat(broken(d -> ((ObjectNode) pod(d).path("securityContext")).remove("seccompProfile")))
                .containsExactly("Deployment/streaming-producer: container producer: seccompProfile is not RuntimeDefault or Localhost");
        assertThat(broken(d -> container(d).put("privileged", true)))
                .containsExactly("Deployment/streaming-producer: container producer: privileged");
        assertThat(broken(d -> container(d).put("allowPrivilegeEscalation", true)))
                .containsExactly("Deployment/streaming-producer: container producer: allowPrivilegeEscalation is not false");
        assertThat(broken(d -> ((ArrayNode) container(d).path("capabilities").path("drop")).removeAll().add("NET_RAW")))
                .containsExactly("Deployment/streaming-producer: container producer: capabilities do not drop ALL");
        assertThat(broken(d -> ((ObjectNode) container(d).path("capabilities")).putArray("add").add("NET_BIND_SERVICE").add("SYS_ADMIN")))
                .containsExactly("Deployment/streaming-producer: container producer: adds capability SYS_ADMIN");
        assertThat(broken(d -> ((ArrayNode) pod(d).path("volumes")).addObject().put("name", "docker").putObject("hostPath").put("path", "/var/run")))
                .containsExactly("Deployment/streaming-producer: volume docker is hostPath");
    }

    /** The violations of the producer's Deployment (compliant as rendered) after {@code change}. */
    private static List<String> broken(Consumer<ObjectNode> change) {
        JsonNode producer = java(ValueSets.securityWithPlainListenerAndMonitoring()).stream()
                .filter(o -> o.path("kind").asText().equals("Deployment") && o.path("metadata").path("name").asText().endsWith("-producer"))
                .findFirst().orElseThrow().deepCopy();
        assertThat(RestrictedPods.violations(RestrictedPods.pods(List.of(producer)))).isEmpty();
        change.accept((ObjectNode) producer);
        return RestrictedPods.violations(RestrictedPods.pods(List.of(producer)));
    }

    private static ObjectNode pod(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec");
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) pod(deployment).path("containers").get(0).path("securityContext");
    }

    private static List<JsonNode> helm(ValueSet set) {
        return Manifests.documents(Chart.template(set.files(), set.sets()));
    }

    private static List<JsonNode> java(ValueSet set) {
        return Manifests.documents(ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));
    }
}
