package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.streamplatform.common.Monitoring;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.k8s.model.ConsumerValues;
import io.streamplatform.k8s.model.PlatformValues;
import io.streamplatform.k8s.model.ProducerValues;
import io.streamplatform.k8s.model.ResourcesValues;
import java.util.List;

/**
 * The producer and consumer Deployments, each for one enabled job: the producer writes that job's generated input
 * to its input topics (each record to the topic of its role), the consumer prints its first output topic. With
 * monitoring, each serves its metrics on a container port named {@value MonitoringResources#METRICS_PORT}. With
 * security, each reads Kafka's client settings and CA certificate from mounted volumes and its KafkaUser's JAAS line from
 * that user's Secret ({@link SecurityResources}), and runs as its image's (numeric, non-root) user under the
 * "restricted" standard.
 */
final class AppResources {
    private AppResources() {
    }

    static Deployment producer(PlatformValues v, JobDefinition<?> job) {
        ProducerValues p = v.producer();
        var topics = v.jobs().get(job.name()).topics();
        List<String> args = new java.util.ArrayList<>(List.of(
                "--bootstrap", v.bootstrapAddress(),
                "--job", job.name(),
                "--topic", topics.get(job.inputs().get(0).role()).name()));
        // A job's other inputs (a catalogue beside the stream): the generator's records of those roles go there.
        for (var other : job.inputs().subList(1, job.inputs().size())) {
            args.addAll(List.of("--role-topic", other.role() + "=" + topics.get(other.role()).name()));
        }
        args.addAll(List.of(
                "--rate", Integer.toString(p.rate()),
                "--count", "0",
                "--duration", "0",
                "--keys", Integer.toString(p.keys())));
        args.addAll(metricsArgs(v));
        return deployment(v, "producer", p.replicas(), p.image(), p.imagePullPolicy(), args, p.resources());
    }

    static Deployment consumer(PlatformValues v, JobDefinition<?> job) {
        ConsumerValues c = v.consumer();
        List<String> args = new java.util.ArrayList<>(List.of(
                "--bootstrap", v.bootstrapAddress(),
                "--job", job.name(),
                "--topic", v.jobs().get(job.name()).topics().get(job.primaryOutput().role()).name()));
        args.addAll(metricsArgs(v));
        return deployment(v, "consumer", c.replicas(), c.image(), c.imagePullPolicy(), args, c.resources());
    }

    /** With monitoring, the app's metrics endpoint on every interface of its pod, at {@link Monitoring#APP_METRICS_PORT}. */
    private static List<String> metricsArgs(PlatformValues v) {
        if (!v.monitoring().enabled()) return List.of();
        return List.of("--metrics-port", Integer.toString(Monitoring.APP_METRICS_PORT), "--metrics-host", "0.0.0.0");
    }

    private static Deployment deployment(PlatformValues v, String component, int replicas, String image,
            String pullPolicy, List<String> args, ResourcesValues resources) {
        boolean secure = v.security().enabled();
        return new DeploymentBuilder()
                .withMetadata(Labels.meta(v, v.name() + "-" + component, Labels.of(v, component)))
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector()
                        .withMatchLabels(Labels.selector(v, component))
                    .endSelector()
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(Labels.of(v, component))
                        .endMetadata()
                        .withNewSpec()
                            .withSecurityContext(secure ? SecurityResources.pod(null) : null)
                            .addNewContainer()
                                .withName(component)
                                .withImage(image)
                                .withImagePullPolicy(pullPolicy)
                                .withArgs(args)
                                .withEnv(secure ? SecurityResources.env(SecurityResources.appUser(v, component)) : List.of())
                                .withPorts(v.monitoring().enabled() ? List.of(MonitoringResources.metricsPort(Monitoring.APP_METRICS_PORT)) : List.of())
                                .withResources(Resources.requirements(resources))
                                .withVolumeMounts(secure ? SecurityResources.volumeMounts() : List.of())
                                .withSecurityContext(secure ? SecurityResources.container() : null)
                            .endContainer()
                            .withVolumes(secure ? SecurityResources.volumes(v) : List.of())
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
