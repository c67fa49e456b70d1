package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.common.template.ContainerTemplateBuilder;
import io.strimzi.api.kafka.model.common.template.PodTemplate;
import io.strimzi.api.kafka.model.common.template.PodTemplateBuilder;
import io.strimzi.api.kafka.model.kafka.EphemeralStorageBuilder;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.KafkaClusterTemplateBuilder;
import io.strimzi.api.kafka.model.kafka.entityoperator.EntityOperatorTemplateBuilder;
import io.strimzi.api.kafka.model.kafka.entityoperator.EntityUserOperatorSpec;
import io.strimzi.api.kafka.model.kafka.exporter.KafkaExporterSpec;
import io.strimzi.api.kafka.model.kafka.exporter.KafkaExporterTemplateBuilder;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.kafka.JbodStorageBuilder;
import io.strimzi.api.kafka.model.kafka.KRaftMetadataStorage;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaBuilder;
import io.strimzi.api.kafka.model.kafka.PersistentClaimStorageBuilder;
import io.strimzi.api.kafka.model.kafka.SingleVolumeStorage;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListenerBuilder;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolBuilder;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import io.streamplatform.k8s.model.KafkaValues;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.StorageValues;
import io.streamplatform.k8s.model.TopicValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Strimzi resources: the KRaft {@code Kafka}, its {@code KafkaNodePool} and one {@code KafkaTopic} per topic of the
 * enabled jobs (a topic two jobs use, one writing and one reading it, is one object). With monitoring, the brokers
 * export their metrics through Strimzi's JMX exporter (its rules in a ConfigMap before the Kafka) and Strimzi's Kafka
 * exporter runs beside them. With security on, only the listeners {@code security} serves are rendered, TLS ones
 * authenticate with SCRAM-SHA-512, Kafka authorizes every request, the entity operator runs the user operator (which
 * turns each KafkaUser into a SCRAM credential, its ACLs and a Secret), and every Strimzi pod gets the "restricted"
 * security contexts through its template (the node pool's pods inherit the Kafka's).
 */
final class KafkaResources {
    static final String API_VERSION = "kafka.strimzi.io/v1";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KafkaResources() {
    }

    static List<HasMetadata> build(PlatformValues v) {
        List<HasMetadata> out = new ArrayList<>();
        if (v.monitoring().enabled()) out.add(MonitoringResources.kafkaMetricsConfigMap(v));
        out.add(asV1(kafka(v)));
        out.add(asV1(nodePool(v)));
        Set<String> rendered = new HashSet<>();
        for (String job : v.enabledJobs()) {
            for (TopicValues topic : new TreeMap<>(v.jobs().get(job).topics()).values()) {
                if (rendered.add(topic.name())) out.add(asV1(topic(v, topic)));
            }
        }
        return out;
    }

    /**
     * The Strimzi classes always report the API version their class is annotated with (v1beta2 for Kafka and
     * KafkaNodePool) and ignore {@code setApiVersion}; the same object as a generic resource can carry {@code v1}.
     */
    static GenericKubernetesResource asV1(HasMetadata typed) {
        GenericKubernetesResource generic = SERIALIZATION.convertValue(typed, GenericKubernetesResource.class);
        generic.setApiVersion(API_VERSION);
        return generic;
    }

    static Kafka kafka(PlatformValues v) {
        KafkaValues k = v.kafka();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", k.replicationFactor());
        config.put("transaction.state.log.replication.factor", k.replicationFactor());
        config.put("transaction.state.log.min.isr", k.minInSyncReplicas());
        config.put("default.replication.factor", k.replicationFactor());
        config.put("min.insync.replicas", k.minInSyncReplicas());
        config.putAll(k.config());
        boolean monitoring = v.monitoring().enabled();
        boolean secure = v.security().enabled();
        KafkaExporterSpec exporter = monitoring ? MonitoringResources.kafkaExporter() : null;
        if (exporter != null && secure) {
            exporter.setTemplate(new KafkaExporterTemplateBuilder()
                    .withPod(restrictedPod())
                    .withContainer(restrictedContainer())
                    .build());
        }
        Kafka kafka = new KafkaBuilder()
                .withMetadata(Labels.meta(v, k.name(), Labels.of(v, "kafka")))
                .withNewSpec()
                    .withNewKafka()
                        .withVersion(k.version().isEmpty() ? null : k.version())
                        .withListeners(k.listeners().stream().filter(v.security()::serves).map(l -> listener(l, secure)).toList())
                        .withAuthorization(secure ? new KafkaAuthorizationSimple() : null)
                        .withConfig(config)
                        .withMetricsConfig(monitoring ? MonitoringResources.kafkaMetricsConfig(v) : null)
                        .withTemplate(secure ? new KafkaClusterTemplateBuilder()
                                // Strimzi's own default for brokers on persistent volumes, which a template replaces:
                                // the volumes' files owned by group 0, the group of the image's user.
                                .withPod(new PodTemplateBuilder()
                                        .withSecurityContext(SecurityResources.pod(null, k.storage().persistent() ? 0L : null))
                                        .build())
                                .withKafkaContainer(restrictedContainer())
                                .build() : null)
                    .endKafka()
                    .withNewEntityOperator()
                        .withNewTopicOperator()
                        .endTopicOperator()
                        .withUserOperator(secure ? new EntityUserOperatorSpec() : null)
                        .withTemplate(secure ? new EntityOperatorTemplateBuilder()
                                .withPod(restrictedPod())
                                .withTopicOperatorContainer(restrictedContainer())
                                .withUserOperatorContainer(restrictedContainer())
                                .build() : null)
                    .endEntityOperator()
                    .withKafkaExporter(exporter)
                .endSpec()
                .build();
        return kafka;
    }

    /** A listener; with security on, a TLS one authenticates its clients with SCRAM-SHA-512 (the KafkaUsers' mechanism). */
    private static GenericKafkaListener listener(io.streamplatform.k8s.model.ListenerValues l, boolean secure) {
        return new GenericKafkaListenerBuilder()
                .withName(l.name())
                .withPort(l.port())
                .withType(KafkaListenerType.forValue(l.type()))
                .withTls(l.tls())
                .withAuth(secure && l.tls() ? new KafkaListenerAuthenticationScramSha512() : null)
                .build();
    }

    /** A Strimzi pod template under the "restricted" standard (Strimzi's images run as a numeric non-root user). */
    private static PodTemplate restrictedPod() {
        return new PodTemplateBuilder().withSecurityContext(SecurityResources.pod(null)).build();
    }

    private static ContainerTemplate restrictedContainer() {
        return new ContainerTemplateBuilder().withSecurityContext(SecurityResources.container()).build();
    }

    static KafkaNodePool nodePool(PlatformValues v) {
        KafkaValues k = v.kafka();
        KafkaNodePool pool = new KafkaNodePoolBuilder()
                .withMetadata(Labels.meta(v, k.nodePool(), Labels.strimzi(v)))
                .withNewSpec()
                    .withReplicas(k.replicas())
                    .withRoles(ProcessRoles.CONTROLLER, ProcessRoles.BROKER)
                    .withStorage(new JbodStorageBuilder().withVolumes(volume(k.storage())).build())
                    .withResources(Resources.requirements(k.resources()))
                .endSpec()
                .build();
        return pool;
    }

    private static SingleVolumeStorage volume(StorageValues s) {
        if (s.persistent()) {
            return new PersistentClaimStorageBuilder()
                    .withId(0)
                    .withSize(s.size())
                    .withStorageClass(s.storageClass().isEmpty() ? null : s.storageClass())
                    .withDeleteClaim(s.deleteClaim())
                    .withKraftMetadata(KRaftMetadataStorage.SHARED)
                    .build();
        }
        return new EphemeralStorageBuilder()
                .withId(0)
                .withSizeLimit(s.size())
                .withKraftMetadata(KRaftMetadataStorage.SHARED)
                .build();
    }

    static KafkaTopic topic(PlatformValues v, TopicValues t) {
        return new KafkaTopicBuilder()
                .withMetadata(Labels.meta(v, t.name(), Labels.strimzi(v)))
                .withNewSpec()
                    .withPartitions(t.partitions())
                    .withReplicas(t.replicas())
                    .withConfig(t.config().isEmpty() ? null : new LinkedHashMap<>(t.config()))
                .endSpec()
                .build();
    }
}
