package io.streamplatform.local;

import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.common.catalogue.JobOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka users of a secured local run ({@code --secure}) or of the benchmark's secured broker: one per component,
 * each allowed only what {@link KafkaAccess} says it needs, with a random password in its own client config file
 * (owner-only) that the component gets with {@code --client-config}.
 *
 * @param files each user's client config file, by user name
 * @param acls each user's ACLs, by user name
 */
public record LocalUsers(Map<String, Path> files, Map<String, List<KafkaAccess.Acl>> acls) {
    static final String PRODUCER = "producer";
    static final String VERIFIER = "verifier";
    /** {@code up}'s consumer: reads every topic the jobs write. */
    static final String CONSUMER = "consumer";

    /** The job's user: the job's name. */
    public static String jobUser(JobDefinition<?> definition) {
        return "job-" + definition.name();
    }

    /**
     * Creates the users of a run of {@code definition} with {@code options} on {@code broker} (secured by
     * {@code security}), their ACLs, and their files in {@code dir}.
     */
    static LocalUsers create(KafkaBroker broker, KafkaSecurity security, Path dir, JobDefinition<?> definition, JobOptions options,
                             Duration timeout) {
        Map<String, List<KafkaAccess.Acl>> acls = new LinkedHashMap<>();
        acls.put(PRODUCER, KafkaAccess.producer(definition.inputs().stream().map(options::topic).toList()));
        acls.put(jobUser(definition), KafkaAccess.job(definition, options));
        acls.put(VERIFIER, KafkaAccess.verifier(definition, options));
        return create(broker, security, dir, acls, timeout);
    }

    /** Creates the users named in {@code acls} on {@code broker} (secured by {@code security}), their ACLs, and their files in {@code dir}. */
    public static LocalUsers create(KafkaBroker broker, KafkaSecurity security, Path dir, Map<String, List<KafkaAccess.Acl>> acls,
                                    Duration timeout) {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Admin a = Admin.create(broker.adminConfig(timeout))) {
            for (var user : acls.entrySet()) {
                String password = KafkaSecurity.randomSecret();
                KafkaSecurity.createUser(a, user.getKey(), password, timeout);
                KafkaSecurity.grant(a, user.getKey(), user.getValue(), timeout);
                files.put(user.getKey(), security.writeClientConfig(dir.resolve(user.getKey() + ".properties"), user.getKey(), password));
            }
        }
        return new LocalUsers(Collections.unmodifiableMap(files), Collections.unmodifiableMap(new LinkedHashMap<>(acls)));
    }

    /** The client config file of {@code user}. */
    public Path file(String user) {
        return files.get(user);
    }

    /** One line per user: its name and ACLs. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        acls.forEach((user, list) -> out.append(out.isEmpty() ? "" : "; ").append(user).append(": ")
                .append(String.join(", ", list.stream().map(KafkaAccess.Acl::toString).toList())));
        return out.toString();
    }
}
