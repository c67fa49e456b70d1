package io.streamplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.streamplatform.k8s.cli.ClientProvider;
import io.streamplatform.k8s.support.CliRun;
import io.streamplatform.k8s.support.Manifests;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: output, one-line errors with exit code 1, usage with exit code 2 for wrong flags. */
class CliTest {

    @Test
    void renderPrintsEveryObjectAsMultiDocumentYaml() {
        CliRun run = CliRun.run("render");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Manifests.documents(run.out())).extracting(d -> d.path("kind").asText()).containsExactly(
                "ServiceAccount", "Role", "RoleBinding", "Kafka", "KafkaNodePool",
                "KafkaTopic", "KafkaTopic", "KafkaTopic", "KafkaTopic", "ConfigMap", "KafkaUser", "KafkaUser", "KafkaUser",
                "FlinkDeployment", "Deployment", "Deployment");
        assertThat(Manifests.documents(run.out())).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isEqualTo("streaming"));
    }

    @Test
    void renderWritesOneFilePerObjectToADirectory(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.run("render", "-o", dir.toString(), "--set", "producer.enabled=false");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(14)
                    .contains("04-kafka-streaming.yaml", "10-configmap-streaming-kafka-client.yaml", "11-kafkauser-streaming-job.yaml",
                            "12-kafkauser-streaming-consumer.yaml", "13-flinkdeployment-streaming-job.yaml", "14-deployment-streaming-consumer.yaml");
        }
    }

    @Test
    void objectsGoToTheNamespaceGiven() {
        CliRun run = CliRun.run("render", "-n", "other");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Manifests.documents(run.out())).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText()).isEqualTo("other"));
        assertThat(run.out()).contains("streaming-kafka-bootstrap.other.svc:9093");
        assertOneLineError(CliRun.run("render", "-n", "Not_A_Namespace"),
                "error: namespace must be a DNS-1123 label (lower case letters, digits, '-'), got 'Not_A_Namespace'");
    }

    @Test
    void anUnknownJobOrOptionIsAOneLineErrorNamingWhatIsKnown() {
        assertOneLineError(CliRun.run("render", "--set", "jobs.nope.enabled=true"), "error: unknown job 'nope' in values (known: "
                + String.join(", ", io.streamplatform.common.catalogue.Catalogue.names()) + ")");
        assertOneLineError(CliRun.run("render", "--set", "jobs.events.options.nope=1"),
                "error: job events has no option 'nope' (jobs.events.options.nope in values; ./pipeline --job events --help lists them)");
        assertOneLineError(CliRun.run("render", "--set", "jobs.events.options.window=5"),
                "error: wrong type for key 'jobs.events.options.window': expected a string, a duration: a whole number and a unit, e.g. 500ms, 10s, 2m, 1h");
        assertOneLineError(CliRun.run("render", "--set", "jobs.events.options.window=5 s"),
                "error: jobs.events.options.window must be a duration: a whole number and a unit, e.g. 500ms, 10s, 2m, 1h, got '5 s'");
        assertOneLineError(CliRun.run("render", "--set", "jobs.events.options.window=0s"),
                "error: jobs.events: the job rejects its options: --window must be > 0");
        assertOneLineError(CliRun.run("render", "--set", "consumer.job=nope"), "error: consumer.job 'nope' is not an enabled job");
    }

    @Test
    void valuesFileAndSetAreMergedInOrder(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("v.yaml");
        Files.writeString(values, "jobs:\n  events:\n    parallelism: 3\n    deployment: my-job\n");
        CliRun run = CliRun.run("render", "-f", values.toString(), "--set", "jobs.events.parallelism=7");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var flink = Manifests.documents(run.out()).stream().filter(d -> d.path("kind").asText().equals("FlinkDeployment"))
                .findFirst().orElseThrow();
        assertThat(flink.path("metadata").path("name").asText()).isEqualTo("my-job");
        assertThat(flink.path("spec").path("job").path("parallelism").asInt()).isEqualTo(7);
    }

    @Test
    void anUnknownKeyIsAOneLineErrorNamingTheKey() {
        assertOneLineError(CliRun.run("render", "--set", "flink.paralelism=3"), "error: unknown key 'flink.paralelism' in values");
    }

    @Test
    void s3StateStorageWithoutBucketOrSecretOrWithAnUnknownKeyIsAOneLineError() {
        assertOneLineError(CliRun.run("render", "--set", "flink.stateStorage.type=s3", "--set", "flink.stateStorage.s3.credentialsSecret=s3-creds"),
                "error: flink.stateStorage.s3.bucket must not be empty when flink.stateStorage.type is s3");
        assertOneLineError(CliRun.run("render", "--set", "flink.stateStorage.type=s3", "--set", "flink.stateStorage.s3.bucket=flink-state"),
                "error: flink.stateStorage.s3.credentialsSecret must not be empty when flink.stateStorage.type is s3");
        assertOneLineError(CliRun.run("render", "--set", "flink.stateStorage.s3.region=eu-west-1"),
                "error: unknown key 'flink.stateStorage.s3.region' in values");
        assertOneLineError(CliRun.run("render", "--set", "flink.stateStorage.type=gcs"),
                "error: flink.stateStorage.type must be one of [hostPath, s3], got 'gcs'");
        assertOneLineError(CliRun.run("render", "--set", "flink.stateStorage.s3.endpoint=minio:9000"),
                "error: flink.stateStorage.s3.endpoint must be empty or an http:// or https:// URL, got 'minio:9000'");
    }

    @Test
    void aWrongTypeIsAOneLineErrorNamingTheKey(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("v.yaml");
        Files.writeString(values, "kafka:\n  replicas: three\n");
        assertOneLineError(CliRun.run("render", "-f", values.toString()),
                "error: wrong type for key 'kafka.replicas': expected an integer");
    }

    @Test
    void anUnknownKeyInAValuesFileIsAnError(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("v.yaml");
        Files.writeString(values, "jobs:\n  events:\n    topics:\n      input:\n        partitons: 3\n");
        assertOneLineError(CliRun.run("render", "-f", values.toString()),
                "error: unknown key 'jobs.events.topics.input.partitons' in values");
    }

    @Test
    void malformedYamlIsAnError(@TempDir Path dir) throws IOException {
        Path values = dir.resolve("bad.yaml");
        Files.writeString(values, "jobs:\n  events:\n    parallelism: [1,\n");
        CliRun run = CliRun.run("render", "-f", values.toString());
        assertOneLine(run);
        assertThat(run.err()).startsWith("error: values file " + values + " is not valid YAML");
    }

    @Test
    void aMissingValuesFileIsAnError() {
        assertOneLineError(CliRun.run("render", "-f", "/nonexistent/values.yaml"),
                "error: values file not found: /nonexistent/values.yaml");
    }

    @Test
    void anInvalidValueIsAnError() {
        assertOneLineError(CliRun.run("render", "--set", "jobs.events.topics.dlq.replicas=2"),
                "error: jobs.events.topics.dlq.replicas (2) must not exceed kafka.replicas (1)");
    }

    @Test
    void wrongFlagsPrintUsage() {
        CliRun run = CliRun.run("render", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("Usage: k8s.jar render");

        CliRun missing = CliRun.run("scale");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--parallelism=N'").contains("Usage: k8s.jar scale");

        CliRun none = CliRun.run();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command").contains("Usage: k8s.jar");
    }

    /** A kubeconfig whose API server accepts connections but never answers: the CLI gives up within its timeout. */
    @Test
    void anUnreachableClusterIsAOneLineErrorWithinTheTimeout(@TempDir Path dir) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path kubeconfig = kubeconfig(dir, "https://127.0.0.1:" + silent.getLocalPort());
            CliRun run = withKubeconfig(kubeconfig, () -> assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> CliRun.run(ClientProvider.KUBECONFIG, "status", "--timeout", "2s")));
            assertOneLine(run);
            assertThat(run.err()).startsWith("error: cannot reach the Kubernetes API server at https://127.0.0.1:"
                    + silent.getLocalPort());
        }
    }

    @Test
    void aRefusedConnectionIsAOneLineError(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path kubeconfig = kubeconfig(dir, "https://127.0.0.1:" + port);
        for (List<String> args : List.of(List.of("apply"), List.of("scale", "--parallelism", "3"), List.of("status"))) {
            CliRun run = withKubeconfig(kubeconfig, () -> CliRun.run(ClientProvider.KUBECONFIG, args.toArray(String[]::new)));
            assertOneLine(run);
            assertThat(run.err()).as(args.toString()).startsWith("error: cannot reach the Kubernetes API server");
        }
    }

    private static Path kubeconfig(Path dir, String server) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: test
                current-context: test
                users:
                - name: test
                  user:
                    token: test
                """.formatted(server));
        return file;
    }

    private static CliRun withKubeconfig(Path kubeconfig, java.util.function.Supplier<CliRun> action) {
        String previous = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", kubeconfig.toString());
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", previous);
            }
        }
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertOneLine(run);
        assertThat(run.err().strip()).isEqualTo(expected);
    }

    private static void assertOneLine(CliRun run) {
        assertThat(run.exitCode()).as("exit code").isEqualTo(1);
        assertThat(run.err().strip().lines()).as("stderr is one line: %s", run.err()).hasSize(1);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(run.out()).isEmpty();
    }
}
