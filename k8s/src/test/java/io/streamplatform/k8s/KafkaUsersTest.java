package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.KafkaClientSecurity;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.k8s.model.ValuesException;
import io.streamplatform.k8s.model.ValuesLoader;
import io.streamplatform.k8s.render.ManifestWriter;
import io.streamplatform.k8s.render.PlatformGenerator;
import io.streamplatform.k8s.support.Chart;
import io.streamplatform.k8s.support.Manifests;
import io.streamplatform.k8s.support.ValueSets;
import io.streamplatform.k8s.support.ValueSets.ValueSet;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With security on, each component gets a KafkaUser holding exactly the ACLs {@link KafkaAccess} states for what the
 * rendered component is told to do — read back from the rendered arguments (a job's parsed by the job's own parser, the
 * producer's and consumer's topics) — and its pods take its credentials from that user's Secret and the client settings
 * and CA certificate from where they are mounted; without a listener for the apps both renderers refuse the values.
 * ChartParityTest shows the chart renders the same.
 */
class KafkaUsersTest {

    static Stream<ValueSet> secure() {
        return Stream.of(new ValueSet("defaults", List.of(), List.of()), ValueSets.securityWithPlainListenerAndMonitoring(),
                ValueSets.securityOwnNamesAtLeastOnce(), ValueSets.everyOption(io.streamplatform.k8s.model.JobCatalogue.installed()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secure")
    void eachComponentsUserHoldsExactlyTheAclsOfWhatItIsToldToDo(ValueSet set) {
        var values = ValuesLoader.load(set.files(), set.sets());
        List<JsonNode> objects = render(set);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (JsonNode flink : ofKind(objects, "FlinkDeployment")) {
            JobDefinition<?> job = Catalogue.get(flink.path("metadata").path("labels").path("streaming-platform/job").asText());
            expected.put(flink.path("metadata").path("name").asText(), strings(KafkaAccess.job(job, job.parse(texts(flink.path("spec").path("job").path("args"))))));
        }
        for (JsonNode app : ofKind(objects, "Deployment")) {
            List<String> args = texts(app.path("spec").path("template").path("spec").path("containers").get(0).path("args"));
            List<String> topics = new ArrayList<>(List.of(after(args, "--topic")));
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("--role-topic")) topics.add(args.get(i + 1).substring(args.get(i + 1).indexOf('=') + 1));
            }
            String name = app.path("metadata").path("name").asText();
            assertThat(args).doesNotContain("--group");
            expected.put(name, strings(name.endsWith("-producer") ? KafkaAccess.producer(topics) : KafkaAccess.consumer(topics, null)));
        }
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (JsonNode user : ofKind(objects, "KafkaUser")) {
            assertThat(user.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(values.kafka().name());
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asText()).isEqualTo("simple");
            List<String> acls = new ArrayList<>();
            user.path("spec").path("authorization").path("acls").forEach(acl -> {
                assertThat(acl.path("operations")).hasSize(1);
                assertThat(acl.path("host").asText("*")).isEqualTo("*");
                acls.add(acl.path("operations").get(0).asText() + " " + acl.path("resource").path("type").asText() + " "
                        + acl.path("resource").path("name").asText()
                        + (acl.path("resource").path("patternType").asText("literal").equals("prefix") ? "*" : ""));
            });
            users.put(user.path("metadata").path("name").asText(), acls);
        }
        assertThat(users).isEqualTo(expected);
        assertThat(users).containsKeys(values.name() + "-producer", values.name() + "-consumer");
    }

    @Test
    void theDefaultUsersAndTheirAcls() {
        Map<String, String> users = new LinkedHashMap<>();
        ofKind(render(new ValueSet("defaults", List.of(), List.of())), "KafkaUser").forEach(u -> users.put(u.path("metadata").path("name").asText(),
                u.path("spec").path("authorization").path("acls").toString()));
        assertThat(users.keySet()).containsExactly("streaming-job", "streaming-producer", "streaming-consumer");
        assertThat(users.get("streaming-job")).contains("\"transactionalId\"", "\"prefix\"", "\"group\"");
        // At-least-once: no transactions, no transactional-id ACL.
        ofKind(render(ValueSets.securityOwnNamesAtLeastOnce()), "KafkaUser").stream()
                .filter(u -> u.path("metadata").path("name").asText().equals("log-analytics")).findFirst().orElseThrow()
                .path("spec").path("authorization").path("acls")
                .forEach(acl -> assertThat(acl.path("resource").path("type").asText()).isNotEqualTo("transactionalId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secure")
    void podsGetTheirUsersSecretTheSettingsFileAndTheClusterCa(ValueSet set) throws java.io.IOException {
        var values = ValuesLoader.load(set.files(), set.sets());
        List<JsonNode> objects = render(set);
        List<String> users = ofKind(objects, "KafkaUser").stream().map(u -> u.path("metadata").path("name").asText()).toList();
        JsonNode configMap = ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.path("metadata").path("name").asText().equals(values.name() + "-kafka-client")).findFirst().orElseThrow();
        List<JsonNode> pods = new ArrayList<>();
        ofKind(objects, "Deployment").forEach(d -> pods.add(d.path("spec").path("template").path("spec")));
        ofKind(objects, "FlinkDeployment").forEach(d -> pods.add(d.path("spec").path("podTemplate").path("spec")));
        List<String> secrets = new ArrayList<>();
        for (JsonNode pod : pods) {
            JsonNode container = pod.path("containers").get(0);
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            JsonNode jaas = env.get(KafkaClientSecurity.JAAS_ENV).path("valueFrom").path("secretKeyRef");
            assertThat(jaas.path("key").asText()).isEqualTo(KafkaClientSecurity.JAAS_KEY);
            secrets.add(jaas.path("name").asText());
            Map<String, JsonNode> volumes = new LinkedHashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            Map<String, String> mounts = new LinkedHashMap<>();
            container.path("volumeMounts").forEach(m -> {
                mounts.put(m.path("name").asText(), m.path("mountPath").asText());
                if (!m.path("name").asText().equals("flink-data")) assertThat(m.path("readOnly").asBoolean()).isTrue();
            });
            // KAFKA_CLIENT_CONFIG names a key of the ConfigMap, where that ConfigMap is mounted.
            String file = env.get(ClientConfig.ENV).path("value").asText();
            String configVolume = volumeFrom(volumes, "configMap", configMap.path("metadata").path("name").asText());
            assertThat(file).startsWith(mounts.get(configVolume) + "/");
            String key = file.substring(mounts.get(configVolume).length() + 1);
            Properties settings = new Properties();
            settings.load(new StringReader(configMap.path("data").path(key).asText()));
            assertThat(settings.getProperty("sasl.jaas.config")).isEqualTo("${env:" + KafkaClientSecurity.JAAS_ENV + "}");
            // The truststore location is the CA certificate, where the cluster CA Secret is mounted.
            String caVolume = volumeFrom(volumes, "secret", values.kafka().name() + "-cluster-ca-cert");
            assertThat(volumes.get(caVolume).path("secret").path("items")).singleElement()
                    .satisfies(i -> assertThat(settings.getProperty("ssl.truststore.location"))
                            .isEqualTo(mounts.get(caVolume) + "/" + i.path("path").asText()))
                    .satisfies(i -> assertThat(i.path("key").asText()).isEqualTo(KafkaClientSecurity.CA_KEY));
        }
        assertThat(secrets).containsExactlyInAnyOrderElementsOf(users);
        assertThat(configMap.path("data").path("client.properties").asText())
                .isEqualTo(KafkaClientSecurity.properties("/etc/streaming-platform/kafka-ca/ca.crt"));
    }

    @Test
    void offThereAreNoUsersNoClientSettingsAndThePlainListener() {
        List<JsonNode> objects = render(ValueSets.securityOff());
        assertThat(objects).noneMatch(o -> List.of("KafkaUser", "ConfigMap").contains(o.path("kind").asText()));
        String yaml = objects.toString();
        assertThat(yaml).doesNotContain(KafkaClientSecurity.JAAS_ENV, ClientConfig.ENV, "\"securityContext\"", "\"authorization\"", "\"userOperator\"")
                .contains("streaming-kafka-bootstrap.streaming.svc:9092");
        JsonNode kafka = ofKind(objects, "Kafka").get(0);
        assertThat(kafka.path("spec").path("kafka").path("listeners").toString()).contains("\"plain\"", "\"tls\"").doesNotContain("authentication");
    }

    @Test
    void onThePlainListenerIsServedOnlyWhenAskedFor() {
        JsonNode listeners = ofKind(render(new ValueSet("defaults", List.of(), List.of())), "Kafka").get(0).path("spec").path("kafka").path("listeners");
        assertThat(listeners).singleElement().satisfies(l -> {
            assertThat(l.path("tls").asBoolean()).isTrue();
            assertThat(l.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        });
        listeners = ofKind(render(ValueSets.securityWithPlainListenerAndMonitoring()), "Kafka").get(0).path("spec").path("kafka").path("listeners");
        assertThat(listeners).hasSize(2);
        assertThat(listeners.get(0).path("name").asText()).isEqualTo("plain");
        assertThat(listeners.get(0).has("authentication")).isFalse();
    }

    @Test
    void bothRenderersRefuseValuesWithoutAListenerForTheApps() {
        java.nio.file.Path onlyPlain = ValueSets.write("only-plain.yaml", "kafka:\n  listeners:\n    - {name: plain, port: 9092, type: internal, tls: false}\n");
        java.nio.file.Path onlyTls = ValueSets.write("only-tls.yaml", "kafka:\n  listeners:\n    - {name: tls, port: 9093, type: internal, tls: true}\n");
        Map<List<String>, String> cases = Map.of(
                List.of(),
                "kafka.listeners has no TLS listener (tls: true): with security.enabled the apps and the jobs use the first one",
                List.of("security.enabled=false"),
                "kafka.listeners has no plain listener (tls: false): with security.enabled false the apps and the jobs use the first one");
        cases.forEach((sets, message) -> {
            java.nio.file.Path file = sets.isEmpty() ? onlyPlain : onlyTls;
            assertThatThrownBy(() -> ValuesLoader.load(List.of(file), sets)).isInstanceOf(ValuesException.class).hasMessage(message);
            assertThatThrownBy(() -> Chart.template(List.of(file), sets)).hasMessageContaining(message);
        });
        // Each alone renders: its listener is the one the apps use.
        assertThat(ValuesLoader.load(List.of(onlyTls), List.of()).bootstrapAddress()).endsWith(":9093");
        assertThat(ValuesLoader.load(List.of(onlyPlain), List.of("security.enabled=false")).bootstrapAddress()).endsWith(":9092");
    }

    private static String volumeFrom(Map<String, JsonNode> volumes, String type, String source) {
        return volumes.entrySet().stream()
                .filter(e -> e.getValue().path(type).path(type.equals("secret") ? "secretName" : "name").asText().equals(source))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no " + type + " volume of " + source));
    }

    private static List<String> strings(List<KafkaAccess.Acl> acls) {
        return acls.stream().map(KafkaAccess.Acl::toString).toList();
    }

    private static String after(List<String> args, String flag) {
        return args.get(args.indexOf(flag) + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }

    private static List<JsonNode> render(ValueSet set) {
        return Manifests.documents(ManifestWriter.toYaml(PlatformGenerator.generate(ValuesLoader.load(set.files(), set.sets()))));
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }
}
