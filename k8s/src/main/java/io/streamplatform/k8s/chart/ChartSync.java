package io.streamplatform.k8s.chart;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.ValuesException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keeps the Helm chart in step with the job catalogue, the one description of every job: rewrites the {@code jobs}
 * part of {@code values.schema.json} ({@link ChartSchema}) and {@code templates/_catalogue.tpl} (what the templates
 * need of each job), and adds a {@code jobs.<name>} entry to {@code values.yaml} for a job that has none (disabled,
 * with its topics' defaults). Entries already in {@code values.yaml} are the deployment's choices and are left alone,
 * except that their topics must be the job's roles with the catalogue's default names, partitions and configuration.
 * {@code k8s.jar sync-chart} runs it; a test fails when the committed chart is not in step.
 */
public final class ChartSync {
    static final String CATALOGUE_TEMPLATE = "templates/_catalogue.tpl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartSync() {
    }

    /** What is out of step in the chart in {@code dir}; empty when it is in step. */
    public static List<String> check(Path dir, JobCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        if (!schemaText(dir, catalogue).equals(read(dir.resolve("values.schema.json")))) {
            problems.add("values.schema.json: its jobs part is not the catalogue's");
        }
        if (!catalogueTemplate(catalogue).equals(readOrEmpty(dir.resolve(CATALOGUE_TEMPLATE)))) {
            problems.add(CATALOGUE_TEMPLATE + " is not the catalogue's");
        }
        JsonNode jobs = values(dir).path("jobs");
        for (JobDefinition<?> job : catalogue.all()) {
            if (!jobs.has(job.name())) problems.add("values.yaml has no entry jobs." + job.name());
        }
        problems.addAll(drift(jobs, catalogue));
        return problems;
    }

    /**
     * Brings the chart in {@code dir} in step; returns what it changed.
     *
     * @throws ValuesException when values.yaml has entries it must not change that differ from the catalogue
     */
    public static List<String> apply(Path dir, JobCatalogue catalogue) {
        List<String> changed = new ArrayList<>();
        JsonNode jobs = values(dir).path("jobs");
        List<String> drift = drift(jobs, catalogue);
        if (!drift.isEmpty()) throw new ValuesException("values.yaml differs from the catalogue: " + String.join("; ", drift));
        String schema = schemaText(dir, catalogue);
        if (!schema.equals(read(dir.resolve("values.schema.json")))) {
            write(dir.resolve("values.schema.json"), schema);
            changed.add("values.schema.json: jobs");
        }
        String template = catalogueTemplate(catalogue);
        if (!template.equals(readOrEmpty(dir.resolve(CATALOGUE_TEMPLATE)))) {
            write(dir.resolve(CATALOGUE_TEMPLATE), template);
            changed.add(CATALOGUE_TEMPLATE);
        }
        StringBuilder added = new StringBuilder();
        for (JobDefinition<?> job : catalogue.all()) {
            if (!jobs.has(job.name())) {
                added.append(valuesEntry(job));
                changed.add("values.yaml: jobs." + job.name() + " (disabled)");
            }
        }
        if (!added.isEmpty()) {
            String values = read(dir.resolve("values.yaml"));
            List<String> topLevel = values.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")).toList();
            if (topLevel.isEmpty() || !topLevel.get(topLevel.size() - 1).equals("jobs:")) {
                throw new ValuesException("values.yaml must end with its jobs: mapping for entries to be added to it");
            }
            write(dir.resolve("values.yaml"), values.stripTrailing() + "\n" + added);
        }
        return changed;
    }

    /** Entries whose topics are not the job's roles with the catalogue's defaults, and entries of unknown jobs. */
    private static List<String> drift(JsonNode jobs, JobCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        jobs.fieldNames().forEachRemaining(name -> {
            if (!catalogue.names().contains(name)) problems.add("values.yaml has jobs." + name + " but the catalogue has no job " + name);
        });
        for (JobDefinition<?> job : catalogue.all()) {
            JsonNode topics = jobs.path(job.name()).path("topics");
            if (topics.isMissingNode()) continue;
            List<String> roles = new ArrayList<>();
            topics.fieldNames().forEachRemaining(roles::add);
            List<String> expected = job.topics().stream().map(TopicRole::role).toList();
            if (!new java.util.HashSet<>(roles).equals(new java.util.HashSet<>(expected))) {
                problems.add("jobs." + job.name() + ".topics has roles " + roles + ", the job has " + expected);
                continue;
            }
            for (TopicRole role : job.topics()) {
                JsonNode t = topics.path(role.role());
                Map<String, String> config = new TreeMap<>();
                t.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                if (!t.path("name").asText().equals(role.defaultName()) || t.path("partitions").asInt() != role.partitions()
                        || !config.equals(new TreeMap<>(role.config()))) {
                    problems.add("jobs." + job.name() + ".topics." + role.role() + " is not the catalogue's default "
                            + ChartSchema.topicDefaults(role) + " (set your own in a values file, not in the chart)");
                }
            }
        }
        return problems;
    }

    /** values.schema.json with its jobs part derived from the catalogue, formatted the one way this writes it. */
    static String schemaText(Path dir, JobCatalogue catalogue) {
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree(dir.resolve("values.schema.json").toFile());
            ((ObjectNode) schema.with("properties")).set("jobs", ChartSchema.jobs(catalogue));
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            printer.indentObjectsWith(indenter);
            printer.indentArraysWith(indenter);
            return JSON.writer(printer).writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * templates/_catalogue.tpl: each job's entry class, default group id, default delivery, first input role, other
     * input roles (in declaration order), first output role, all roles (in declaration order, the order of its KafkaUser's
     * ACLs), written roles.
     */
    static String catalogueTemplate(JobCatalogue catalogue) {
        StringBuilder sb = new StringBuilder();
        sb.append("{{- /* What the templates need of each catalogue job. Written by `java -jar k8s/target/k8s.jar sync-chart`\n")
                .append("from the job catalogue (common/.../catalogue); a test in k8s/ fails when it differs. Do not edit. */ -}}\n")
                .append("{{- define \"sp.catalogue\" -}}\n");
        for (JobDefinition<?> job : catalogue.all()) {
            sb.append(job.name()).append(":\n")
                    .append("  entryClass: ").append(job.entryClass()).append('\n')
                    .append("  defaultGroupId: ").append(job.defaultGroupId()).append('\n')
                    .append("  defaultDelivery: ").append(defaultDelivery(job)).append('\n')
                    .append("  input: ").append(job.inputs().get(0).role()).append('\n')
                    .append("  otherInputs: [").append(job.inputs().stream().skip(1).map(TopicRole::role).collect(Collectors.joining(", "))).append("]\n")
                    .append("  primaryOutput: ").append(job.primaryOutput().role()).append('\n')
                    .append("  roles: [").append(job.topics().stream().map(TopicRole::role).collect(Collectors.joining(", "))).append("]\n")
                    .append("  written: [").append(job.topics().stream().filter(TopicRole::written).map(TopicRole::role).sorted()
                            .collect(Collectors.joining(", "))).append("]\n");
        }
        return sb.append("{{- end -}}\n").toString();
    }

    /** The job's default of --delivery (exactly-once or at-least-once). */
    private static String defaultDelivery(JobDefinition<?> job) {
        return job.options().stream().filter(o -> o.name().equals("delivery")).findFirst()
                .map(o -> o.defaultValue()).orElseThrow(() -> new IllegalStateException(job.name() + " has no --delivery"));
    }

    /** A values.yaml entry for a job new to the chart: disabled, one-job defaults, the catalogue's topics, no options. */
    static String valuesEntry(JobDefinition<?> job) {
        StringBuilder sb = new StringBuilder();
        sb.append("  # ").append(job.description()).append('\n')
                .append("  ").append(job.name()).append(":\n")
                .append("    # Deploy this job.\n    enabled: false\n")
                .append("    # Name of its FlinkDeployment; empty = <name>-<job>.\n    deployment: \"\"\n")
                .append("    # Job parallelism (spec.job.parallelism): the one field to change to rescale the job.\n    parallelism: 2\n")
                .append("    # Task slots per TaskManager; the operator starts ceil(parallelism / taskSlots) TaskManagers.\n    taskSlots: 2\n")
                .append("    # How the operator upgrades the running job: savepoint, last-state or stateless.\n    upgradeMode: savepoint\n")
                .append("    # CPU (cores) and Flink memory size of the JobManager pod.\n    jobManager:\n      cpu: 0.5\n      memory: 1024m\n")
                .append("    # CPU (cores) and Flink memory size of each TaskManager pod.\n    taskManager:\n      cpu: 0.5\n      memory: 1536m\n")
                .append("    # One KafkaTopic per role; replicas must not exceed kafka.replicas.\n    topics:\n");
        for (TopicRole role : job.topics()) {
            sb.append("      # ").append(role.description()).append('\n')
                    .append("      ").append(role.role()).append(":\n")
                    .append("        name: ").append(role.defaultName()).append('\n')
                    .append("        partitions: ").append(role.partitions()).append('\n')
                    .append("        replicas: 1\n");
            if (role.config().isEmpty()) {
                sb.append("        config: {}\n");
            } else {
                sb.append("        config:\n");
                new TreeMap<>(role.config()).forEach((k, v) -> sb.append("          ").append(k).append(": \"").append(v).append("\"\n"));
            }
        }
        return sb.append("    # The job's options (see above); none set here, so each takes the job's default.\n    options: {}\n").toString();
    }

    private static JsonNode values(Path dir) {
        try {
            return YAML.readTree(dir.resolve("values.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readOrEmpty(Path file) {
        return Files.exists(file) ? read(file) : "";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
