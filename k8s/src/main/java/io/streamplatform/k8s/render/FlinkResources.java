package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.streamplatform.common.Monitoring;
import io.streamplatform.common.S3Storage;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.k8s.model.FlinkValues;
import io.streamplatform.k8s.model.JobArgs;
import io.streamplatform.k8s.model.JobValues;
import io.streamplatform.k8s.model.PlatformValues;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobManagerSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.Resource;
import org.apache.flink.kubernetes.operator.api.spec.TaskManagerSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;

/**
 * One {@code FlinkDeployment} per enabled job: application mode, the job's entry class from the catalogue, its
 * arguments generated from its values ({@link JobArgs}), RocksDB, parallelism only in {@code spec.job.parallelism}.
 * Checkpoints and savepoints go either to a hostPath volume mounted into the JobManager and every TaskManager (the
 * main container of both, via the pod template), or to an S3-compatible store ({@link S3Storage}'s names), whose
 * credentials the same container gets from a Secret as environment variables.
 */
final class FlinkResources {
    static final String VOLUME = "flink-data";
    static final String MAIN_CONTAINER = "flink-main-container";

    private FlinkResources() {
    }

    static FlinkDeployment flinkDeployment(PlatformValues v, String name, JobDefinition<?> definition) {
        FlinkValues f = v.flink();
        JobValues job = v.jobs().get(name);
        Map<String, String> labels = Labels.of(v, "flink");
        labels.put(Labels.JOB, name);
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(Labels.meta(v, v.deploymentName(name), labels));
        deployment.setSpec(FlinkDeploymentSpec.builder()
                .image(f.image())
                .imagePullPolicy(f.imagePullPolicy())
                .flinkVersion(FlinkVersion.valueOf(f.flinkVersion()))
                .serviceAccount(v.flinkServiceAccount())
                .flinkConfiguration(configuration(f, job, v.monitoring().enabled()))
                .podTemplate(podTemplate(v, name))
                .jobManager(JobManagerSpec.builder()
                        .replicas(1)
                        .resource(new Resource(job.jobManager().cpu(), job.jobManager().memory(), null))
                        .build())
                .taskManager(TaskManagerSpec.builder()
                        .resource(new Resource(job.taskManager().cpu(), job.taskManager().memory(), null))
                        .build())
                .job(JobSpec.builder()
                        .jarURI(FlinkValues.JAR_URI)
                        .entryClass(definition.entryClass())
                        .parallelism(job.parallelism())
                        .upgradeMode(UpgradeMode.valueOf(job.upgradeMode().toUpperCase().replace('-', '_')))
                        .state(JobState.RUNNING)
                        .args(JobArgs.of(v, name).toArray(String[]::new))
                        .build())
                .build());
        // A new FlinkDeployment carries an empty status; a manifest must not.
        deployment.setStatus(null);
        return deployment;
    }

    /**
     * The cluster's configuration; the checkpoint interval is the job's own option when set (the job applies it too);
     * with monitoring, Flink's Prometheus reporter ({@link Monitoring}'s names) on every JobManager and TaskManager.
     */
    private static Map<String, String> configuration(FlinkValues f, JobValues job, boolean monitoring) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(job.taskSlots()));
        conf.put("state.backend.type", "rocksdb");
        conf.put("state.backend.incremental", "true");
        conf.put("state.checkpoints.dir", f.checkpointsDir());
        conf.put("state.savepoints.dir", f.savepointsDir());
        if (f.stateStorage().inS3()) {
            FlinkValues.S3Store s3 = f.stateStorage().s3();
            if (!s3.endpoint().isEmpty()) conf.put(S3Storage.ENDPOINT, s3.endpoint());
            conf.put(S3Storage.PATH_STYLE_ACCESS, Boolean.toString(s3.pathStyleAccess()));
        }
        Object interval = job.options().get("checkpoint-interval");
        if (interval != null) conf.put("execution.checkpointing.interval", interval.toString());
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (job.upgradeMode().equals("last-state")) {
            // The operator only does last-state upgrades with Kubernetes HA metadata to find the last checkpoint.
            conf.put("high-availability.type", "kubernetes");
            conf.put("high-availability.storageDir", f.haDir());
        }
        if (monitoring) {
            conf.put(Monitoring.FLINK_REPORTER + "factory.class", Monitoring.FLINK_REPORTER_FACTORY);
            conf.put(Monitoring.FLINK_REPORTER + "port", Integer.toString(Monitoring.FLINK_METRICS_PORT));
        }
        return conf;
    }

    /**
     * The main container of the JobManager and every TaskManager: the state volume mounted, or the store's credentials;
     * with monitoring, the reporter's port (Flink adds its own ports to these); with security, the Kafka client settings
     * of the job's KafkaUser (the JobManager reads them in the job's main, the TaskManagers' Kafka clients resolve the
     * JAAS line from their own environment) and the "restricted" security contexts, as {@code flink.runAsUser}.
     */
    private static PodTemplateSpec podTemplate(PlatformValues v, String job) {
        FlinkValues f = v.flink();
        boolean secure = v.security().enabled();
        FlinkValues.StateStorage storage = f.stateStorage();
        ContainerBuilder main = new ContainerBuilder().withName(MAIN_CONTAINER);
        if (v.monitoring().enabled()) main.addToPorts(MonitoringResources.metricsPort(Monitoring.FLINK_METRICS_PORT));
        List<Volume> volumes = new ArrayList<>();
        if (storage.inS3()) {
            FlinkValues.S3Store s3 = storage.s3();
            main.addToEnv(fromSecret(S3Storage.ACCESS_KEY_ENV, s3.credentialsSecret(), s3.accessKeyIdKey()))
                    .addToEnv(fromSecret(S3Storage.SECRET_KEY_ENV, s3.credentialsSecret(), s3.secretAccessKeyKey()));
        } else {
            main.addNewVolumeMount()
                    .withName(VOLUME)
                    .withMountPath(storage.mountPath())
                .endVolumeMount();
            volumes.add(new VolumeBuilder()
                    .withName(VOLUME)
                    .withNewHostPath()
                        .withPath(storage.hostPath())
                        .withType("DirectoryOrCreate")
                    .endHostPath()
                    .build());
        }
        if (secure) {
            main.addAllToEnv(SecurityResources.env(SecurityResources.jobUser(v, job)))
                    .addAllToVolumeMounts(SecurityResources.volumeMounts())
                    .withSecurityContext(SecurityResources.container());
            volumes.addAll(SecurityResources.volumes(v));
        }
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                    .withSecurityContext(secure ? SecurityResources.pod((long) f.runAsUser()) : null)
                    .addToContainers(main.build())
                    .withVolumes(volumes)
                .endSpec()
                .build();
    }

    /** An environment variable holding one key of a Secret: the value itself is never in the manifest. */
    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                    .withNewSecretKeyRef()
                        .withName(secret)
                        .withKey(key)
                    .endSecretKeyRef()
                .endValueFrom()
                .build();
    }
}
