package io.streamplatform.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.KafkaAccess.Acl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes objects the platform's renderer writes ({@code java -jar k8s/target/k8s.jar render ...}, run as its
 * own JVM, as a user runs it), read as plain YAML: each {@code KafkaUser}'s ACLs, and each workload by the
 * {@code KafkaUser} whose secret its pods take their login from (a {@code secretKeyRef} to {@code sasl.jaas.config}).
 */
record RenderedObjects(List<JsonNode> objects) {
    /**
     * A Deployment or FlinkDeployment: its kind and name, what it runs (the Deployment's container name, the
     * FlinkDeployment's entry class), the user its pods log in as, its container or job arguments.
     */
    record Workload(String kind, String name, String runs, String user, List<String> args) {}

    static RenderedObjects render(Path workDir, String... renderArgs) throws Exception {
        Path jar = PlatformHome.locate().root().resolve("k8s/target/k8s.jar");
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " is missing: the k8s module packages it earlier in the reactor");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "render"));
        command.addAll(List.of(renderArgs));
        Path out = workDir.resolve("rendered.yaml"), err = workDir.resolve("render.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("render did not finish within 120 s");
        }
        if (p.exitValue() != 0) throw new IllegalStateException("render failed: " + Files.readString(err, StandardCharsets.UTF_8));
        List<JsonNode> objects = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(out.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) objects.add(doc);
            }
        }
        return new RenderedObjects(objects);
    }

    /** Every KafkaUser's ACLs, by user name, each operation of a rule as an {@link Acl} of its own. */
    Map<String, List<Acl>> kafkaUsers() {
        Map<String, List<Acl>> users = new LinkedHashMap<>();
        for (JsonNode o : objects) {
            if (!o.path("kind").asText().equals("KafkaUser")) continue;
            List<Acl> acls = new ArrayList<>();
            for (JsonNode rule : o.path("spec").path("authorization").path("acls")) {
                if (!rule.path("type").asText("allow").equals("allow")) throw new IllegalStateException("a deny rule: " + rule);
                JsonNode r = rule.path("resource");
                KafkaAccess.Resource type = switch (r.path("type").asText()) {
                    case "topic" -> KafkaAccess.Resource.TOPIC;
                    case "group" -> KafkaAccess.Resource.GROUP;
                    case "transactionalId" -> KafkaAccess.Resource.TRANSACTIONAL_ID;
                    default -> throw new IllegalStateException("an ACL on a resource the platform does not use: " + r);
                };
                KafkaAccess.Pattern pattern = KafkaAccess.Pattern.valueOf(r.path("patternType").asText("literal").toUpperCase(Locale.ROOT));
                for (JsonNode op : rule.path("operations")) {
                    acls.add(new Acl(type, r.path("name").asText(), pattern, KafkaAccess.Operation.valueOf(op.asText())));
                }
            }
            users.put(o.path("metadata").path("name").asText(), acls);
        }
        return users;
    }

    /** The workload that runs {@code runs} (a container name or a job's entry class). */
    Workload workload(String runs) {
        return workloads().stream().filter(w -> w.runs().equals(runs)).findFirst()
                .orElseThrow(() -> new IllegalStateException("nothing rendered runs " + runs + " with a Kafka login: " + workloads()));
    }

    /** The Deployments and FlinkDeployments whose pods log in to Kafka. */
    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (!kind.equals("Deployment") && !kind.equals("FlinkDeployment")) continue;
            List<String> users = new ArrayList<>();
            collectLoginSecrets(o, users);
            if (users.isEmpty()) continue;
            if (users.stream().distinct().count() != 1) throw new IllegalStateException(kind + " " + o.path("metadata").path("name") + " logs in as " + users);
            JsonNode args = kind.equals("FlinkDeployment") ? o.path("spec").path("job").path("args")
                    : o.path("spec").path("template").path("spec").path("containers").path(0).path("args");
            List<String> list = new ArrayList<>();
            args.forEach(a -> list.add(a.asText()));
            String runs = kind.equals("FlinkDeployment") ? o.path("spec").path("job").path("entryClass").asText()
                    : o.path("spec").path("template").path("spec").path("containers").path(0).path("name").asText();
            workloads.add(new Workload(kind, o.path("metadata").path("name").asText(), runs, users.get(0), list));
        }
        return workloads;
    }

    private static void collectLoginSecrets(JsonNode node, List<String> users) {
        if (node.isObject()) {
            JsonNode ref = node.get("secretKeyRef");
            if (ref != null && ref.path("key").asText().equals("sasl.jaas.config")) users.add(ref.path("name").asText());
            node.forEach(child -> collectLoginSecrets(child, users));
        } else if (node.isArray()) {
            node.forEach(child -> collectLoginSecrets(child, users));
        }
    }
}
