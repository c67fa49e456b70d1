package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.S3Storage;
import io.streamplatform.k8s.model.ValuesException;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints in an S3-compatible store, in both renderers: every FlinkDeployment's state directories are in the
 * bucket and its store settings are Flink's keys ({@link S3Storage}'s names), there is no hostPath volume, and the
 * main container gets the credentials from the Secret named in the values as {@link S3Storage}'s environment
 * variables; the credentials themselves are in no rendered object and cannot be given in values. hostPath stays the
 * default.
 */
class S3StateStorageTest {
    /** What the README has the user put in the Secret; the renderers never see it. */
    static final Map<String, String> SECRET = Map.of("AWS_ACCESS_KEY_ID", "AKIASENTINEL0000", "AWS_SECRET_ACCESS_KEY", "s3ntinel/secret+key");
    /** Flink configuration keys that would carry credentials (Flink's S3 options and Hadoop's S3A ones). */
    static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(access[-._]?key|secret[-._]?key|session[-._]?token|credential).*");

    @Test
    void everyFlinkDeploymentKeepsItsStateInTheBucketWithTheStoresNames() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.s3LastState()).entrySet()) {
            List<JsonNode> deployments = flinkDeployments(rendered.getValue());
            assertThat(deployments).as(rendered.getKey()).hasSize(2);
            for (JsonNode deployment : deployments) {
                String as = rendered.getKey() + " " + Manifests.key(deployment);
                assertThat(configuration(deployment)).as(as)
                        .containsEntry("state.checkpoints.dir", S3Storage.checkpoints("flink-state"))
                        .containsEntry("state.savepoints.dir", S3Storage.savepoints("flink-state"))
                        .containsEntry("high-availability.type", "kubernetes")
                        .containsEntry("high-availability.storageDir", S3Storage.highAvailability("flink-state"))
                        .containsEntry(S3Storage.ENDPOINT, "http://minio.storage.svc:9000")
                        .containsEntry(S3Storage.PATH_STYLE_ACCESS, "true");
                assertCredentialsFromTheSecret(deployment, as, "minio-credentials", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
            }
        }
    }

    @Test
    void onAwsThereIsNoEndpointAndTheSecretsOwnKeysAreUsed() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.s3OnAws()).entrySet()) {
            JsonNode deployment = flinkDeployments(rendered.getValue()).get(0);
            String as = rendered.getKey();
            assertThat(configuration(deployment)).as(as)
                    .containsEntry("state.checkpoints.dir", "s3://my-company.flink-state/checkpoints")
                    .containsEntry("state.savepoints.dir", "s3://my-company.flink-state/savepoints")
                    .containsEntry(S3Storage.PATH_STYLE_ACCESS, "false")
                    .doesNotContainKey(S3Storage.ENDPOINT)
                    .doesNotContainKey("high-availability.storageDir");
            assertCredentialsFromTheSecret(deployment, as, "aws-flink", "access-key", "secret.key");
        }
    }

    @Test
    void hostPathStaysTheDefault() {
        for (Map.Entry<String, String> rendered : renderings(ValueSets.all().get(0)).entrySet()) {
            JsonNode deployment = flinkDeployments(rendered.getValue()).get(0);
            Map<String, String> conf = configuration(deployment);
            assertThat(conf).as(rendered.getKey()).containsEntry("state.checkpoints.dir", "file:///flink-data/checkpoints")
                    .doesNotContainKeys(S3Storage.ENDPOINT, S3Storage.PATH_STYLE_ACCESS);
            JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
            assertThat(pod.path("volumes").get(0).path("hostPath").path("path").asText()).as(rendered.getKey()).isEqualTo("/flink-data");
            assertThat(pod.path("containers").get(0).path("env")).as(rendered.getKey()).noneMatch(e -> e.path("name").asText().startsWith("AWS_"));
        }
    }

    /**
     * The credentials are only in the Secret: no rendered object of any S3 value set holds them or any literal value
     * for the credential variables, no Flink configuration key names credentials, no Secret is rendered, and values
     * cannot carry them.
     */
    @Test
    void credentialsAreInNoRenderedObjectAndNotInValues() {
        for (ValueSet set : List.of(ValueSets.s3LastState(), ValueSets.s3OnAws())) {
            for (Map.Entry<String, String> rendered : renderings(set).entrySet()) {
                String as = set + " (" + rendered.getKey() + ")";
                List<JsonNode> objects = Manifests.documents(rendered.getValue());
                assertThat(objects).as(as).noneMatch(o -> o.path("kind").asText().equals("Secret"));
                for (JsonNode object : objects) {
                    List<String> strings = new ArrayList<>();
                    strings(object, strings);
                    assertThat(strings).as(as + " " + Manifests.key(object))
                            .noneMatch(s -> SECRET.values().stream().anyMatch(s::contains));
                }
                for (JsonNode deployment : flinkDeployments(rendered.getValue())) {
                    assertThat(configuration(deployment).keySet()).as(as).noneMatch(k -> CREDENTIAL_KEY.matcher(k).matches());
                    // The one literal value is where the Kafka client settings file is (security).
                    deployment.path("spec").path("podTemplate").path("spec").path("containers").forEach(c -> c.path("env").forEach(env ->
                            assertThat(env.has("value") && !env.path("name").asText().equals(ClientConfig.ENV))
                                    .as(as + ": env " + env.path("name").asText() + " has a literal value").isFalse()));
                }
            }
        }
        for (String key : List.of("accessKey", "secretKey", "AWS_ACCESS_KEY_ID")) {
            List<String> set = List.of("flink.stateStorage.type=s3", "flink.stateStorage.s3.bucket=b1",
                    "flink.stateStorage.s3.credentialsSecret=s", "flink.stateStorage.s3." + key + "=" + SECRET.get("AWS_ACCESS_KEY_ID"));
            assertThatThrownBy(() -> ValuesLoader.load(List.of(), set)).isInstanceOf(ValuesException.class)
                    .hasMessage("unknown key 'flink.stateStorage.s3." + key + "' in values");
            assertThatThrownBy(() -> Chart.template(List.of(), set))
                    .hasMessageContaining("values don't meet the specifications of the schema").hasMessageContaining(key);
        }
    }

    /**
     * The main container's environment: exactly the two variables, each from its key of the Secret (beside the Kafka
     * client ones of security); no state volume.
     */
    private static void assertCredentialsFromTheSecret(JsonNode deployment, String as, String secret, String idKey, String secretKey) {
        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        assertThat(pod.path("volumes")).as(as + ": volumes").noneMatch(v -> v.has("hostPath") || v.path("name").asText().equals("flink-data"));
        assertThat(pod.path("containers")).as(as).hasSize(1);
        JsonNode main = pod.path("containers").get(0);
        assertThat(main.path("name").asText()).as(as).isEqualTo("flink-main-container");
        assertThat(main.path("volumeMounts")).as(as + ": volumeMounts").noneMatch(m -> m.path("name").asText().equals("flink-data"));
        Map<String, String> env = new LinkedHashMap<>();
        main.path("env").forEach(e -> {
            if (!e.path("name").asText().startsWith("AWS_")) return;
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            env.put(e.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
        });
        assertThat(env).as(as + ": env of the main container").containsExactly(
                Map.entry(S3Storage.ACCESS_KEY_ENV, secret + "/" + idKey),
                Map.entry(S3Storage.SECRET_KEY_ENV, secret + "/" + secretKey));
    }

    /** Both renderings of a value set, by renderer. */
    private static Map<String, String> renderings(ValueSet set) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("helm", Chart.template(set.files(), set.sets()));
        out.put("generator", ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));
        return out;
    }

    private static List<JsonNode> flinkDeployments(String yaml) {
        return Manifests.documents(yaml).stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment")).toList();
    }

    private static Map<String, String> configuration(JsonNode deployment) {
        Map<String, String> conf = new LinkedHashMap<>();
        deployment.path("spec").path("flinkConfiguration").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    /** Every field name and string value in a tree. */
    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) out.add(node.asText());
        node.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            strings(e.getValue(), out);
        });
        if (node.isArray()) node.forEach(child -> strings(child, out));
    }
}
