package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.streamplatform.common.catalogue.JobDefinition;
import io.streamplatform.k8s.model.FlinkValues;
import io.streamplatform.k8s.model.JobArgs;
import io.streamplatform.k8s.model.JobValues;
import io.streamplatform.k8s.model.PlatformValues;
import java.util.LinkedHashMap;
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
 * arguments generated from its values ({@link JobArgs}), RocksDB, checkpoints and savepoints on a hostPath volume
 * mounted into the JobManager and every TaskManager (the main container of both, via the pod template), parallelism
 * only in {@code spec.job.parallelism}.
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
                .flinkConfiguration(configuration(f, job))
                .podTemplate(podTemplate(f))
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

    /** The cluster's configuration; the checkpoint interval is the job's own option when set (the job applies it too). */
    private static Map<String, String> configuration(FlinkValues f, JobValues job) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(job.taskSlots()));
        conf.put("state.backend.type", "rocksdb");
        conf.put("state.backend.incremental", "true");
        conf.put("state.checkpoints.dir", f.checkpointsDir());
        conf.put("state.savepoints.dir", f.savepointsDir());
        Object interval = job.options().get("checkpoint-interval");
        if (interval != null) conf.put("execution.checkpointing.interval", interval.toString());
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (job.upgradeMode().equals("last-state")) {
            // The operator only does last-state upgrades with Kubernetes HA metadata to find the last checkpoint.
            conf.put("high-availability.type", "kubernetes");
            conf.put("high-availability.storageDir", f.haDir());
        }
        return conf;
    }

    private static PodTemplateSpec podTemplate(FlinkValues f) {
        return new PodTemplateSpecBuilder()
                .withNewSpec()
                    .addNewContainer()
                        .withName(MAIN_CONTAINER)
                        .addNewVolumeMount()
                            .withName(VOLUME)
                            .withMountPath(f.stateStorage().mountPath())
                        .endVolumeMount()
                    .endContainer()
                    .addNewVolume()
                        .withName(VOLUME)
                        .withNewHostPath()
                            .withPath(f.stateStorage().hostPath())
                            .withType("DirectoryOrCreate")
                        .endHostPath()
                    .endVolume()
                .endSpec()
                .build();
    }
}
