package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.KafkaAccess.Acl;
import io.streamplatform.common.catalogue.JobOptions;
import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.job.core.ConfiguredJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ACLs the Kubernetes renderer gives each component, proven on a real secured broker (the one {@code --secure}
 * runs: SCRAM over TLS, {@code StandardAuthorizer}, nothing allowed without an ACL). The objects come from
 * {@code k8s.jar render} as a user runs it; each workload's Kafka user is the one whose secret its pods log in with.
 *
 * <ul>
 *   <li>Sufficient: those users, with exactly the rendered ACLs, run the verified pipeline — the events job with its
 *       rendered arguments (exactly-once), the producer — and it passes; the rendered consumer reads its topic.</li>
 *   <li>Minimal: for each rendered ACL in turn, without it the component that holds it is refused with a Kafka
 *       authorization error (the apps in one line, the job in its failure), and with it back it works.</li>
 * </ul>
 * The verifying consumer is local mode's instrument, not a platform component: it reads as a user of its own.
 */
@Tag("own-jvm") // see local/pom.xml: a refused job's producers are left open by the connector
class RenderedAccessProofTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOB_VERDICT = Duration.ofSeconds(120);
    /** Options a local run sets itself; the rendered values of these are the cluster's business. */
    private static final Set<String> LOCAL_OPTIONS = Set.of("--bootstrap", "--parallelism", "--checkpoint-interval", "--checkpoint-dir",
            "--client-config", "--metrics-port", "--metrics-host");

    @Test
    void theRenderedAclsAreSufficientAndMinimal() throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("test.log.dir", "target/test-logs")).toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "rendered-access-");
        RenderedObjects rendered = RenderedObjects.render(dir, "-n", "proof");
        Map<String, List<Acl>> users = rendered.kafkaUsers();
        EventsDefinition events = new EventsDefinition();
        RenderedObjects.Workload job = rendered.workload(events.entryClass());
        RenderedObjects.Workload producer = rendered.workload("producer");
        RenderedObjects.Workload consumer = rendered.workload("consumer");
        assertThat(users).as("a KafkaUser per component").containsKeys(job.user(), producer.user(), consumer.user()).hasSize(3);
        List<String> jobArgs = withoutLocalOptions(job.args());

        try (SecureKafka kafka = SecureKafka.start(dir.resolve("kafka"))) {
            JobOptions options = events.parse(concat(jobArgs, "--bootstrap", kafka.bootstrap));
            TopicAdmin.ensureTopics(kafka.broker.adminBootstrap(), kafka.broker.adminSettings(), TopicAdmin.topicsOf(events, options), 2, TIMEOUT);
            Map<String, Path> files = new java.util.LinkedHashMap<>();
            users.forEach((user, acls) -> files.put(user, kafka.user(user, acls)));
            Path verifier = kafka.user("proof-verifier", KafkaAccess.verifier(events, options));

            // Sufficient: the verified run under the rendered identities.
            List<String> run = new ArrayList<>(List.of("--bootstrap", kafka.bootstrap, "--client-config", files.get(job.user()).toString(),
                    "--producer-client-config", files.get(producer.user()).toString(), "--consumer-client-config", verifier.toString(),
                    "--events", "3000", "--rate", "0", "--partitions", "2", "--checkpoint-interval", "500ms", "--quiet",
                    "--work-dir", dir.resolve("run").toString(), "--keep"));
            run.addAll(jobArgs);
            PipelineRun verified = PipelineRun.of(run.toArray(String[]::new));
            assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            assertThat(verified.out()).contains("verdict=PASS");
            assertThat(consume(dir, kafka, consumer, files.get(consumer.user()), "consumer-ok").exit()).as("the rendered consumer reads").isZero();

            // Minimal: each ACL in turn taken away.
            try (Admin admin = kafka.admin(); LocalFlinkCluster flink = new LocalFlinkCluster(2)) {
                assertThat(runJob(flink, events, jobArgs, kafka, files.get(job.user()), dir, "control", false))
                        .as("the job with all its ACLs finishes its bounded input").isNull();
                int n = 0;
                for (var user : users.entrySet()) {
                    for (Acl acl : user.getValue()) {
                        String name = "without-" + ++n;
                        KafkaSecurity.revoke(admin, user.getKey(), List.of(acl), TIMEOUT);
                        String refusal;
                        if (user.getKey().equals(job.user())) {
                            refusal = runJob(flink, events, jobArgs, kafka, files.get(user.getKey()), dir, name,
                                    acl.resource() == KafkaAccess.Resource.GROUP);
                        } else {
                            AppRun app = user.getKey().equals(producer.user())
                                    ? produce(dir, kafka, options.topic(EventsDefinition.INPUT), files.get(user.getKey()), name)
                                    : consume(dir, kafka, consumer, files.get(user.getKey()), name);
                            assertThat(app.exit()).as(user.getKey() + " without " + acl + ": " + app.errors()).isNotZero();
                            assertThat(app.errors()).as(user.getKey() + " without " + acl).singleElement().asString()
                                    .startsWith("error: not authorized by Kafka at " + kafka.bootstrap + ": ");
                            refusal = app.errors().get(0);
                        }
                        assertThat(refusal).as(user.getKey() + " without " + acl + " is refused").isNotNull().containsIgnoringCase("authoriz");
                        System.out.println("without " + user.getKey() + " " + acl + ": " + refusal);
                        KafkaSecurity.grant(admin, user.getKey(), List.of(acl), TIMEOUT);
                    }
                }
            }
            assertThat(produce(dir, kafka, options.topic(EventsDefinition.INPUT), files.get(producer.user()), "producer-ok").exit())
                    .as("the producer with its ACLs back").isZero();
        }
    }

    /**
     * Runs the job with the rendered arguments over the input already there (bounded, so every window fires and every
     * output is written), as the rendered job's user; returns Kafka's refusal, or null when the job finished.
     *
     * @param committed start from the group's committed offsets (the rendered default), which reads the group;
     *     otherwise from the earliest, so the job reads and writes everything again
     */
    private static String runJob(LocalFlinkCluster flink, EventsDefinition events, List<String> jobArgs, SecureKafka kafka, Path clientConfig,
                                 Path dir, String name, boolean committed) throws Exception {
        List<String> args = concat(jobArgs, "--bootstrap", kafka.bootstrap, "--client-config", clientConfig.toString(), "--parallelism", "1",
                "--checkpoint-interval", "500ms", "--checkpoint-dir", dir.resolve("checkpoints-" + name).toUri().toString(), "--bounded",
                "--job-name", name);
        if (!committed) args = concat(args, "--starting-offsets", "earliest");
        JobID id = flink.submit(ConfiguredJob.of(events, args), null);
        long deadline = System.nanoTime() + JOB_VERDICT.toNanos();
        while (System.nanoTime() < deadline) {
            JobResult result = flink.resultIfDone(id);
            if (result != null) {
                if (result.isSuccess()) return null;
                fail("job " + name + " failed otherwise: " + LocalFlinkCluster.describe(result));
            }
            String refusal = flink.kafkaRefusal(id);
            if (refusal != null) {
                flink.cancel(id);
                return refusal;
            }
            LocalFlinkCluster.pause(100);
        }
        fail("job " + name + " neither finished nor was refused within " + JOB_VERDICT.toSeconds() + " s: " + flink.describe(id));
        return null;
    }

    private static AppRun produce(Path dir, SecureKafka kafka, String topic, Path clientConfig, String name) throws Exception {
        return AppRun.of("producer", dir.resolve(name + ".log"), List.of("--bootstrap", kafka.bootstrap, "--client-config", clientConfig.toString(), "--topic", topic,
                "--count", "10", "--timeout", "10s"));
    }

    /** The rendered consumer, its rendered arguments with this broker and its client config, for ten records. */
    private static AppRun consume(Path dir, SecureKafka kafka, RenderedObjects.Workload consumer, Path clientConfig, String name) throws Exception {
        return AppRun.of("consumer", dir.resolve(name + ".log"), concat(withoutLocalOptions(consumer.args()), "--bootstrap", kafka.bootstrap, "--client-config",
                clientConfig.toString(), "--max-records", "10", "--timeout", "10s"));
    }

    /** {@code args} without the options a local run sets itself (and their values). */
    private static List<String> withoutLocalOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (LOCAL_OPTIONS.contains(option)) {
                if (!a.contains("=")) i++;
                continue;
            }
            kept.add(a);
        }
        return kept;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
