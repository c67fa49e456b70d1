package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserBuilder;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleBuilder;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResourceBuilder;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResourceBuilder;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResourceBuilder;
import io.streamplatform.common.ClientConfig;
import io.streamplatform.common.KafkaAccess;
import io.streamplatform.common.KafkaClientSecurity;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.k8s.model.JobArgs;
import io.streamplatform.k8s.model.JobCatalogue;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code security.enabled} adds: a {@code KafkaUser} per component (the producer, each enabled job, the consumer),
 * authenticated with SCRAM-SHA-512 and allowed exactly the ACLs {@link KafkaAccess} states for it (a job's from the
 * very arguments it is given, parsed by the job's own parser), from any host and with a literal pattern unless the ACL
 * says prefix (Strimzi's defaults, left out as Strimzi writes them); the ConfigMap holding the client settings file
 * ({@link KafkaClientSecurity}) every component's pods mount, with the cluster CA certificate mounted from Strimzi's
 * Secret and the JAAS line from the component's KafkaUser Secret as an environment variable; and the security contexts of
 * the "restricted" Pod Security Standard for every pod and container.
 */
final class SecurityResources {
    /** The ConfigMap volume with the client settings file, and where it is mounted. */
    static final String CLIENT_CONFIG_VOLUME = "kafka-client";
    static final String CLIENT_CONFIG_DIR = "/etc/streaming-platform/kafka-client";
    /** The file's key in the ConfigMap (its name in the mounted directory). */
    static final String CLIENT_CONFIG_KEY = "client.properties";
    /** The Secret volume with the cluster CA certificate, and where it is mounted. */
    static final String CA_VOLUME = "kafka-ca";
    static final String CA_DIR = "/etc/streaming-platform/kafka-ca";

    private SecurityResources() {
    }

    /** The client settings ConfigMap, then one KafkaUser per component, in the order the apps and jobs are rendered. */
    static List<HasMetadata> build(PlatformValues v, JobCatalogue catalogue) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(clientConfig(v));
        for (String job : v.enabledJobs()) {
            JobDefinition<?> definition = catalogue.get(job);
            Map<String, String> labels = Labels.of(v, "flink");
            labels.put(Labels.JOB, job);
            out.add(user(v, jobUser(v, job), labels,
                    KafkaAccess.job(definition, definition.parse(JobArgs.of(v, job)))));
        }
        if (v.producer().enabled()) {
            JobDefinition<?> job = catalogue.get(v.producer().job());
            var topics = v.jobs().get(job.name()).topics();
            out.add(user(v, appUser(v, "producer"), Labels.of(v, "producer"),
                    KafkaAccess.producer(job.inputs().stream().map(role -> topics.get(role.role()).name()).toList())));
        }
        if (v.consumer().enabled()) {
            JobDefinition<?> job = catalogue.get(v.consumer().job());
            String topic = v.jobs().get(job.name()).topics().get(job.primaryOutput().role()).name();
            // The consumer app reads without a consumer group on Kubernetes (no --group): partitions assigned.
            out.add(user(v, appUser(v, "consumer"), Labels.of(v, "consumer"), KafkaAccess.consumer(List.of(topic), null)));
        }
        return out;
    }

    /** The KafkaUser (and its Secret) of the producer or the consumer: {@code <name>-<app>}. */
    static String appUser(PlatformValues v, String app) {
        return v.name() + "-" + app;
    }

    /** The KafkaUser (and its Secret) of a job: its FlinkDeployment's name. */
    static String jobUser(PlatformValues v, String job) {
        return v.deploymentName(job);
    }

    static String clientConfigName(PlatformValues v) {
        return v.name() + "-kafka-client";
    }

    private static ConfigMap clientConfig(PlatformValues v) {
        return new ConfigMapBuilder()
                .withMetadata(Labels.meta(v, clientConfigName(v), Labels.of(v, "kafka")))
                .addToData(CLIENT_CONFIG_KEY, KafkaClientSecurity.properties(CA_DIR + "/" + KafkaClientSecurity.CA_KEY))
                .build();
    }

    private static HasMetadata user(PlatformValues v, String name, Map<String, String> labels, List<KafkaAccess.Acl> acls) {
        labels.put("strimzi.io/cluster", v.kafka().name());
        KafkaUser user = new KafkaUserBuilder()
                .withMetadata(Labels.meta(v, name, labels))
                .withNewSpec()
                    .withAuthentication(new KafkaUserScramSha512ClientAuthentication())
                    .withNewKafkaUserAuthorizationSimple()
                        .withAcls(acls.stream().map(SecurityResources::rule).toList())
                    .endKafkaUserAuthorizationSimple()
                .endSpec()
                .build();
        return KafkaResources.asV1(user);
    }

    private static AclRule rule(KafkaAccess.Acl acl) {
        AclResourcePatternType pattern = acl.pattern() == KafkaAccess.Pattern.PREFIX ? AclResourcePatternType.PREFIX : AclResourcePatternType.LITERAL;
        AclRuleResource resource = switch (acl.resource()) {
            case TOPIC -> new AclRuleTopicResourceBuilder().withName(acl.name()).withPatternType(pattern).build();
            case GROUP -> new AclRuleGroupResourceBuilder().withName(acl.name()).withPatternType(pattern).build();
            case TRANSACTIONAL_ID -> new AclRuleTransactionalIdResourceBuilder().withName(acl.name()).withPatternType(pattern).build();
        };
        return new AclRuleBuilder()
                .withResource(resource)
                .withOperations(AclOperation.forValue(acl.operation().name()))
                .build();
    }

    /** The environment of a component's Kafka clients: the settings file, and the JAAS line from its KafkaUser's Secret. */
    static List<EnvVar> env(String user) {
        return List.of(
                new EnvVarBuilder().withName(ClientConfig.ENV).withValue(CLIENT_CONFIG_DIR + "/" + CLIENT_CONFIG_KEY).build(),
                new EnvVarBuilder()
                        .withName(KafkaClientSecurity.JAAS_ENV)
                        .withNewValueFrom()
                            .withNewSecretKeyRef()
                                .withName(user)
                                .withKey(KafkaClientSecurity.JAAS_KEY)
                            .endSecretKeyRef()
                        .endValueFrom()
                        .build());
    }

    static List<VolumeMount> volumeMounts() {
        return List.of(
                new VolumeMountBuilder().withName(CLIENT_CONFIG_VOLUME).withMountPath(CLIENT_CONFIG_DIR).withReadOnly(true).build(),
                new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(CA_DIR).withReadOnly(true).build());
    }

    /** The settings file from the ConfigMap; the cluster CA certificate alone from Strimzi's Secret. */
    static List<Volume> volumes(PlatformValues v) {
        return List.of(
                new VolumeBuilder()
                        .withName(CLIENT_CONFIG_VOLUME)
                        .withNewConfigMap()
                            .withName(clientConfigName(v))
                        .endConfigMap()
                        .build(),
                new VolumeBuilder()
                        .withName(CA_VOLUME)
                        .withNewSecret()
                            .withSecretName(io.strimzi.api.kafka.model.kafka.KafkaResources.clusterCaCertificateSecretName(v.kafka().name()))
                            .addNewItem()
                                .withKey(KafkaClientSecurity.CA_KEY)
                                .withPath(KafkaClientSecurity.CA_KEY)
                            .endItem()
                        .endSecret()
                        .build());
    }

    /** {@link #pod(Long, Long)} without a volume group. */
    static PodSecurityContext pod(Long runAsUser) {
        return pod(runAsUser, null);
    }

    /**
     * A pod's security context under the "restricted" standard: a non-root user (the image's own, which must be
     * numeric, when {@code runAsUser} is null), the group owning its volumes when {@code fsGroup} is not null, and the
     * runtime's default seccomp profile.
     */
    static PodSecurityContext pod(Long runAsUser, Long fsGroup) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(runAsUser)
                .withFsGroup(fsGroup)
                .withNewSeccompProfile()
                    .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    /** A container's security context under the "restricted" standard: no privilege escalation, no capabilities. */
    static SecurityContext container() {
        Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withCapabilities(none).build();
    }
}
