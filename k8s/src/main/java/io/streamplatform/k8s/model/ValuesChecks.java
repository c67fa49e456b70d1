package io.streamplatform.k8s.model;

import io.streamplatform.common.catalogue.JobDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code values.schema.json} cannot express, checked by both renderers with the same messages (the chart's
 * {@code sp.validate}): there is a listener for the apps (TLS with security on, else plain), topic replicas fit the brokers, the apps feed and read enabled
 * jobs, enabled jobs do not share a FlinkDeployment name, a transactional-id prefix or a topic they write, a topic
 * two jobs use has one set of settings; and each enabled job's generated arguments pass the job's own parser.
 */
final class ValuesChecks {
    private ValuesChecks() {
    }

    static void check(PlatformValues v, JobCatalogue catalogue) {
        if (v.kafka().listeners().stream().noneMatch(l -> l.tls() == v.security().enabled())) {
            throw new ValuesException(noClientListener(v.security().enabled()));
        }
        List<String> enabled = v.enabledJobs();
        for (String name : enabled) {
            new TreeMap<>(v.jobs().get(name).topics()).forEach((role, topic) -> {
                if (topic.replicas() > v.kafka().replicas()) {
                    throw new ValuesException("jobs." + name + ".topics." + role + ".replicas (" + topic.replicas()
                            + ") must not exceed kafka.replicas (" + v.kafka().replicas() + ")");
                }
            });
        }
        if (v.producer().enabled() && !enabled.contains(v.producer().job())) {
            throw new ValuesException("producer.job '" + v.producer().job() + "' is not an enabled job");
        }
        if (v.consumer().enabled() && !enabled.contains(v.consumer().job())) {
            throw new ValuesException("consumer.job '" + v.consumer().job() + "' is not an enabled job");
        }
        Map<String, String> deployments = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        Map<String, String> writers = new HashMap<>();
        Map<String, Declared> topics = new HashMap<>();
        for (String name : enabled) {
            JobValues job = v.jobs().get(name);
            JobDefinition<?> definition = catalogue.get(name);
            once(deployments, v.deploymentName(name), name, other -> "jobs " + other + " and " + name
                    + " have the same deployment name '" + v.deploymentName(name) + "'");
            String prefix = prefix(job, definition);
            once(prefixes, prefix, name, other -> "jobs " + other + " and " + name + " share the transactional-id prefix '"
                    + prefix + "'; each job needs its own");
            for (var t : new TreeMap<>(job.topics()).entrySet()) {
                TopicValues topic = t.getValue();
                if (definition.topic(t.getKey()).written()) {
                    once(writers, topic.name(), name, other -> "jobs " + other + " and " + name + " both write topic '" + topic.name() + "'");
                }
                Declared earlier = topics.putIfAbsent(topic.name(), new Declared(name, topic));
                if (earlier != null && !earlier.sameSettings(topic)) {
                    throw new ValuesException("topic '" + topic.name() + "' is declared by jobs " + earlier.job + " and " + name
                            + " with different partitions, replicas or config");
                }
            }
            JobArgs.check(v, name, definition);
        }
    }

    /** The problem when no listener suits the apps. */
    static String noClientListener(boolean secure) {
        return secure ? "kafka.listeners has no TLS listener (tls: true): with security.enabled the apps and the jobs use the first one"
                : "kafka.listeners has no plain listener (tls: false): with security.enabled false the apps and the jobs use the first one";
    }

    /** A job's transactional-id prefix: its option, else its group id, else the job's default group id. */
    static String prefix(JobValues job, JobDefinition<?> definition) {
        Object prefix = job.options().get("transactional-id-prefix");
        if (prefix == null) prefix = job.options().get("group-id");
        return prefix == null ? definition.defaultGroupId() : JobArgs.scalar(prefix);
    }

    private static void once(Map<String, String> seen, String key, String job, java.util.function.Function<String, String> message) {
        String other = seen.putIfAbsent(key, job);
        if (other != null) throw new ValuesException(message.apply(other));
    }

    /** A topic as the first job to name it declared it. */
    private record Declared(String job, TopicValues topic) {
        boolean sameSettings(TopicValues other) {
            return topic.partitions() == other.partitions() && topic.replicas() == other.replicas()
                    && normalised(topic.config()).equals(normalised(other.config()));
        }

        private static Map<String, String> normalised(Map<String, Object> config) {
            Map<String, String> m = new TreeMap<>();
            config.forEach((k, val) -> m.put(k, JobArgs.scalar(val)));
            return m;
        }
    }
}
