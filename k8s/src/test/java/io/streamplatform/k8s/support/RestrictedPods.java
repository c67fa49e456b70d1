package io.streamplatform.k8s.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hand-written check of rendered objects against the Kubernetes "restricted" Pod Security Standard (which includes
 * "baseline"), over every pod the platform renders or has an operator render: the apps' Deployments, a
 * FlinkDeployment's pod template (JobManager and TaskManagers), and the Strimzi pods through their templates (the
 * brokers through the Kafka's, which a node pool without its own inherits; the entity operator; the Kafka exporter).
 * What the standard asks of a pod here:
 * <ul>
 *   <li>no hostNetwork, hostPID, hostIPC; no privileged container; no hostPort;</li>
 *   <li>volumes only of the types configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected,
 *       secret (so no hostPath);</li>
 *   <li>runAsNonRoot true on the pod or on every container, and no runAsUser 0;</li>
 *   <li>seccompProfile RuntimeDefault or Localhost on the pod or on every container, and never Unconfined;</li>
 *   <li>every container: allowPrivilegeEscalation false, capabilities dropping ALL and adding at most NET_BIND_SERVICE.</li>
 * </ul>
 */
public final class RestrictedPods {
    static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    static final Set<String> ALLOWED_SECCOMP = Set.of("RuntimeDefault", "Localhost");

    private RestrictedPods() {
    }

    /** A pod as the checker sees it: where it comes from, its security context, its containers and its spec (for volumes and host namespaces). */
    public record Pod(String where, JsonNode securityContext, List<Container> containers, JsonNode spec) {
    }

    public record Container(String name, JsonNode securityContext, JsonNode ports) {
    }

    /** Every pod of the rendered objects. */
    public static List<Pod> pods(List<JsonNode> objects) {
        List<Pod> pods = new ArrayList<>();
        for (JsonNode o : objects) {
            String where = o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
            switch (o.path("kind").asText()) {
                case "Deployment" -> pods.add(podSpec(where, o.path("spec").path("template").path("spec")));
                case "FlinkDeployment" -> {
                    pods.add(podSpec(where, o.path("spec").path("podTemplate").path("spec")));
                    for (String role : List.of("jobManager", "taskManager")) {
                        JsonNode own = o.path("spec").path(role).path("podTemplate").path("spec");
                        if (!own.isMissingNode()) pods.add(podSpec(where + " " + role, own));
                    }
                }
                case "Kafka" -> {
                    JsonNode spec = o.path("spec");
                    pods.add(strimzi(where + " brokers", spec.path("kafka").path("template"), "kafkaContainer"));
                    JsonNode eo = spec.path("entityOperator");
                    List<String> operators = new ArrayList<>();
                    if (eo.has("topicOperator")) operators.add("topicOperatorContainer");
                    if (eo.has("userOperator")) operators.add("userOperatorContainer");
                    if (!operators.isEmpty()) pods.add(strimzi(where + " entity operator", eo.path("template"), operators.toArray(String[]::new)));
                    if (spec.has("kafkaExporter")) pods.add(strimzi(where + " kafka exporter", spec.path("kafkaExporter").path("template"), "container"));
                }
                case "KafkaNodePool" -> {
                    // Without a template of its own, the pool's pods take the Kafka's (checked above).
                    JsonNode template = o.path("spec").path("template");
                    if (template.has("pod") || template.has("kafkaContainer")) pods.add(strimzi(where, template, "kafkaContainer"));
                }
                default -> {
                }
            }
        }
        return pods;
    }

    private static Pod podSpec(String where, JsonNode spec) {
        List<Container> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            spec.path(list).forEach(c -> containers.add(new Container(c.path("name").asText(), c.path("securityContext"), c.path("ports"))));
        }
        return new Pod(where, spec.path("securityContext"), containers, spec);
    }

    /** A Strimzi component's pod: its template's pod security context, and each named container template's. */
    private static Pod strimzi(String where, JsonNode template, String... containerTemplates) {
        List<Container> containers = new ArrayList<>();
        for (String c : containerTemplates) {
            containers.add(new Container(c, template.path(c).path("securityContext"), template.path(c).path("ports")));
        }
        return new Pod(where, template.path("pod").path("securityContext"), containers, template.path("pod"));
    }

    /** What in these pods the restricted standard forbids; empty when they all meet it. */
    public static List<String> violations(List<Pod> pods) {
        List<String> out = new ArrayList<>();
        for (Pod pod : pods) {
            String p = pod.where() + ": ";
            JsonNode spec = pod.spec();
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (spec.path(host).asBoolean(false)) out.add(p + host + " is true");
            }
            spec.path("volumes").forEach(v -> v.fieldNames().forEachRemaining(f -> {
                if (!f.equals("name") && !ALLOWED_VOLUMES.contains(f)) out.add(p + "volume " + v.path("name").asText() + " is " + f);
            }));
            JsonNode podContext = pod.securityContext();
            boolean podNonRoot = podContext.path("runAsNonRoot").asBoolean(false);
            boolean podSeccomp = ALLOWED_SECCOMP.contains(podContext.path("seccompProfile").path("type").asText());
            if (podContext.path("runAsUser").asLong(-1) == 0) out.add(p + "runAsUser is 0");
            if (podContext.path("seccompProfile").path("type").asText().equals("Unconfined")) out.add(p + "seccompProfile is Unconfined");
            if (pod.containers().isEmpty()) out.add(p + "no containers to check");
            for (Container c : pod.containers()) {
                String where = p + "container " + c.name() + ": ";
                JsonNode sc = c.securityContext();
                if (sc.path("privileged").asBoolean(false)) out.add(where + "privileged");
                if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
                    out.add(where + "allowPrivilegeEscalation is not false");
                }
                List<String> drop = new ArrayList<>();
                sc.path("capabilities").path("drop").forEach(d -> drop.add(d.asText()));
                if (!drop.contains("ALL")) out.add(where + "capabilities do not drop ALL");
                sc.path("capabilities").path("add").forEach(a -> {
                    if (!a.asText().equals("NET_BIND_SERVICE")) out.add(where + "adds capability " + a.asText());
                });
                if (!(podNonRoot ? !sc.path("runAsNonRoot").isBoolean() || sc.path("runAsNonRoot").asBoolean() : sc.path("runAsNonRoot").asBoolean(false))) {
                    out.add(where + "runAsNonRoot is not true");
                }
                if (sc.path("runAsUser").asLong(-1) == 0) out.add(where + "runAsUser is 0");
                String seccomp = sc.path("seccompProfile").path("type").asText();
                if (seccomp.equals("Unconfined") || !podSeccomp && !ALLOWED_SECCOMP.contains(seccomp)) {
                    out.add(where + "seccompProfile is not RuntimeDefault or Localhost");
                }
                c.ports().forEach(port -> {
                    if (port.path("hostPort").asInt(0) != 0) out.add(where + "hostPort " + port.path("hostPort").asInt());
                });
            }
        }
        return out;
    }
}
