package io.streamplatform.k8s.chart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamplatform.common.Durations;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.OptionInfo;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.k8s.model.JobCatalogue;
import java.util.List;
import java.util.Map;

/**
 * The {@code jobs} part of the chart's {@code values.schema.json}, derived from the catalogue: one entry per job, with
 * its topics by role and every option it takes (typed, described, with the job's default), so that Helm and the Java
 * renderer reject an unknown job, an unknown option or a value of the wrong kind before anything is deployed.
 */
public final class ChartSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DNS_OR_EMPTY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$";
    private static final String TOPIC_NAME = "^[a-zA-Z0-9._-]+$";

    private ChartSchema() {
    }

    /** The options of a job that its values set: all but those the renderers derive (Kafka address, topics, parallelism). */
    public static List<OptionInfo> settableOptions(JobDefinition<?> job) {
        List<String> derived = new java.util.ArrayList<>(List.of(JobOptions.BOOTSTRAP, JobOptions.PARALLELISM));
        job.topics().forEach(t -> derived.add(t.flag()));
        return job.options().stream().filter(o -> !derived.contains(o.flag())).toList();
    }

    public static ObjectNode jobs(JobCatalogue catalogue) {
        ObjectNode jobs = object("The job catalogue: one entry per job; an enabled job gets a FlinkDeployment and its KafkaTopics");
        ArrayNode names = F.arrayNode();
        catalogue.names().forEach(names::add);
        jobs.putObject("propertyNames").set("enum", names);
        ObjectNode properties = jobs.putObject("properties");
        for (JobDefinition<?> job : catalogue.all()) properties.set(job.name(), job(job));
        jobs.set("required", names.deepCopy());
        return jobs;
    }

    private static ObjectNode job(JobDefinition<?> job) {
        ObjectNode j = strictObject(job.description());
        ObjectNode p = j.putObject("properties");
        p.set("enabled", type("boolean", "Deploy this job: its FlinkDeployment and its KafkaTopics"));
        p.set("deployment", type("string", "Name of its FlinkDeployment; empty = <name>-<job>").put("pattern", DNS_OR_EMPTY).put("maxLength", 45));
        p.set("parallelism", type("integer", "Job parallelism (spec.job.parallelism)").put("minimum", 1));
        p.set("taskSlots", type("integer", "Task slots per TaskManager").put("minimum", 1));
        p.set("upgradeMode", enumOf("How the operator upgrades the running job", List.of("savepoint", "last-state", "stateless")));
        p.set("jobManager", flinkResource("JobManager pod"));
        p.set("taskManager", flinkResource("TaskManager pods"));
        ObjectNode topics = strictObject("Its topics, by role");
        ObjectNode roles = topics.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (TopicRole role : job.topics()) {
            roles.set(role.role(), topic(role));
            required.add(role.role());
        }
        topics.set("required", required);
        p.set("topics", topics);
        ObjectNode options = strictObject("The job's options, named as on its command line without the dashes; unset = the job's default");
        ObjectNode byName = options.putObject("properties");
        for (OptionInfo o : settableOptions(job)) byName.set(o.name(), option(o));
        p.set("options", options);
        j.set("required", strings("enabled", "deployment", "parallelism", "taskSlots", "upgradeMode", "jobManager", "taskManager", "topics", "options"));
        return j;
    }

    private static ObjectNode topic(TopicRole role) {
        ObjectNode t = strictObject(role.description() + " Default name: " + role.defaultName() + ".");
        ObjectNode p = t.putObject("properties");
        p.set("name", type("string", "Topic name").put("pattern", TOPIC_NAME));
        p.set("partitions", type("integer", "Partitions").put("minimum", 1));
        p.set("replicas", type("integer", "Replication factor (<= kafka.replicas)").put("minimum", 1));
        p.set("config", configMap("Kafka topic configuration entries"));
        t.set("required", strings("name", "partitions", "replicas", "config"));
        return t;
    }

    private static ObjectNode option(OptionInfo o) {
        String description = o.description() + (o.defaultValue() == null ? "" : " Default: " + o.defaultValue() + ".");
        return switch (o.type()) {
            case STRING -> type("string", description);
            case INTEGER -> type("integer", description);
            case NUMBER -> type("number", description);
            case BOOLEAN -> type("boolean", description);
            case DURATION -> type("string", description).put("pattern", Durations.PATTERN);
            case ENUM -> enumOf(description, o.values());
            case PROPERTIES -> configMap(description);
        };
    }

    private static ObjectNode flinkResource(String description) {
        ObjectNode r = strictObject(description);
        ObjectNode p = r.putObject("properties");
        p.set("cpu", type("number", "CPU cores").put("exclusiveMinimum", 0));
        p.set("memory", type("string", "Flink memory size, e.g. 1024m").put("minLength", 1));
        r.set("required", strings("cpu", "memory"));
        return r;
    }

    private static ObjectNode configMap(String description) {
        ObjectNode c = type("object", description);
        c.putObject("additionalProperties").set("type", strings("string", "integer", "number", "boolean"));
        return c;
    }

    private static ObjectNode enumOf(String description, List<String> values) {
        ObjectNode e = type("string", description);
        ArrayNode a = e.putArray("enum");
        values.forEach(a::add);
        return e;
    }

    private static ObjectNode object(String description) {
        return type("object", description);
    }

    private static ObjectNode strictObject(String description) {
        return type("object", description).put("additionalProperties", false);
    }

    private static ObjectNode type(String type, String description) {
        ObjectNode n = F.objectNode();
        n.put("type", type);
        n.put("description", description);
        return n;
    }

    private static ArrayNode strings(String... values) {
        ArrayNode a = F.arrayNode();
        for (String v : values) a.add(v);
        return a;
    }

    /** For messages: a topic role's default settings as values.yaml writes them. */
    static Map<String, Object> topicDefaults(TopicRole role) {
        return Map.of("name", role.defaultName(), "partitions", role.partitions(), "replicas", 1, "config", role.config());
    }
}
