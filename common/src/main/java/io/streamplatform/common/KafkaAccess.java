package io.streamplatform.common;

import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.catalogue.RunFacts;
import io.streamplatform.common.catalogue.TopicRole;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The Kafka ACLs each component needs, and nothing more: the one statement of them that local mode's secure broker and
 * both Kubernetes renderers (a {@code KafkaUser} per component) follow.
 *
 * <p>Only {@code Read} and {@code Write} are granted: Kafka implies {@code Describe} from either, and an idempotent
 * producer's {@code InitProducerId} from {@code Write} on any topic (KIP-679), so listing those would make the set
 * larger without making it work better. A component gets:
 * <ul>
 *   <li>producer: {@code Write} on the topics it fills;</li>
 *   <li>job: {@code Read} on its input topics and its consumer group (the source starts from, and commits, the
 *       group's offsets), {@code Write} on the topics it writes and, exactly-once, on the transactional ids that start
 *       with its prefix;</li>
 *   <li>consumer: {@code Read} on the topics it reads and, when it reads as a group, on that group; a verifying
 *       consumer reads the topics of the job's verifier, partitions assigned.</li>
 * </ul>
 */
public final class KafkaAccess {
    /** A Kafka resource type, spelled as Strimzi's {@code KafkaUser} ACLs spell it. */
    public enum Resource {
        TOPIC("topic"), GROUP("group"), TRANSACTIONAL_ID("transactionalId");

        public final String strimzi;

        Resource(String strimzi) {
            this.strimzi = strimzi;
        }
    }

    /** How a rule's name matches resource names. */
    public enum Pattern {
        LITERAL, PREFIX;

        /** As Strimzi's {@code patternType}: {@code literal} or {@code prefix}. */
        public String strimzi() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An operation granted, spelled as Kafka and Strimzi spell it. */
    public enum Operation { Read, Write }

    /** One allow rule: {@code operation} on the resources of {@code resource} type matching {@code name} by {@code pattern}. */
    public record Acl(Resource resource, String name, Pattern pattern, Operation operation) {
        public Acl {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("an ACL needs a resource name");
        }

        @Override
        public String toString() {
            return operation + " " + resource.strimzi + " " + (pattern == Pattern.PREFIX ? name + "*" : name);
        }
    }

    private KafkaAccess() {}

    /** The producer's ACLs when it fills {@code topics}. */
    public static List<Acl> producer(Collection<String> topics) {
        return topics.stream().distinct().map(t -> topic(t, Operation.Write)).toList();
    }

    /** A catalogue job's ACLs for the topics, group and delivery in {@code options}, parsed by {@code definition}. */
    public static List<Acl> job(JobDefinition<?> definition, JobOptions options) {
        List<Acl> acls = new ArrayList<>();
        for (TopicRole role : definition.topics()) {
            if (!role.written()) acls.add(topic(options.topic(role), Operation.Read));
        }
        acls.add(new Acl(Resource.GROUP, options.groupId, Pattern.LITERAL, Operation.Read));
        for (TopicRole role : definition.topics()) {
            if (role.written()) acls.add(topic(options.topic(role), Operation.Write));
        }
        if (options.delivery == JobOptions.Delivery.EXACTLY_ONCE) {
            acls.add(new Acl(Resource.TRANSACTIONAL_ID, options.transactionalIdPrefix(), Pattern.PREFIX, Operation.Write));
        }
        return List.copyOf(new LinkedHashSet<>(acls));
    }

    /** The consumer's ACLs when it reads {@code topics}, as consumer group {@code group} (null: no group, partitions assigned). */
    public static List<Acl> consumer(Collection<String> topics, String group) {
        List<Acl> acls = new ArrayList<>(topics.stream().distinct().map(t -> topic(t, Operation.Read)).toList());
        if (group != null) acls.add(new Acl(Resource.GROUP, group, Pattern.LITERAL, Operation.Read));
        return List.copyOf(acls);
    }

    /**
     * The ACLs of a verifying consumer of a run of {@code definition}'s job (local mode, the benchmark): {@code Read} on
     * the topics its verifier reads, partitions assigned, no group.
     */
    public static List<Acl> verifier(JobDefinition<?> definition, JobOptions options) {
        var verifier = definition.verifierFor(options, new RunFacts("access", 0, 0));
        return consumer(verifier.roles().stream().map(role -> options.topic(definition.topic(role))).toList(), null);
    }

    private static Acl topic(String name, Operation operation) {
        return new Acl(Resource.TOPIC, name, Pattern.LITERAL, operation);
    }
}
