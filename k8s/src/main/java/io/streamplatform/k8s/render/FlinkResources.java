package io.streamplatform.k8s.render;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.streamplatform.k8s.model.FlinkValues;
import io.streamplatform.k8s.model.PlatformValues;
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
 * The {@code FlinkDeployment}: application mode, job jar inside the image, RocksDB, checkpoints and savepoints on a
 * hostPath volume mounted into the JobManager and every TaskManager (the main container of both, via the pod
 * template), parallelism only in {@code spec.job.parallelism}.
 */
final class FlinkResources {
    static final String VOLUME = "flink-data";
    static final String MAIN_CONTAINER = "flink-main-container";

    private FlinkResources() {
    }

    static FlinkDeployment flinkDeployment(PlatformValues v) {
        FlinkValues f = v.flink();
        FlinkDeployment deployment = new FlinkDeployment();
        deployment.setMetadata(Labels.meta(v, f.name(), Labels.of(v, "flink")));
        deployment.setSpec(FlinkDeploymentSpec.builder()
                .image(f.image())
                .imagePullPolicy(f.imagePullPolicy())
                .flinkVersion(FlinkVersion.valueOf(f.flinkVersion()))
                .serviceAccount(v.flinkServiceAccount())
                .flinkConfiguration(configuration(f))
                .podTemplate(podTemplate(f))
                .jobManager(JobManagerSpec.builder()
                        .replicas(1)
                        .resource(new Resource(f.jobManager().cpu(), f.jobManager().memory(), null))
                        .build())
                .taskManager(TaskManagerSpec.builder()
                        .resource(new Resource(f.taskManager().cpu(), f.taskManager().memory(), null))
                        .build())
                .job(JobSpec.builder()
                        .jarURI(FlinkValues.JAR_URI)
                        .entryClass(FlinkValues.ENTRY_CLASS)
                        .parallelism(f.parallelism())
                        .upgradeMode(UpgradeMode.valueOf(f.upgradeMode().toUpperCase().replace('-', '_')))
                        .state(JobState.RUNNING)
                        .args(args(v).toArray(String[]::new))
                        .build())
                .build());
        // A new FlinkDeployment carries an empty status; a manifest must not.
        deployment.setStatus(null);
        return deployment;
    }

    private static Map<String, String> configuration(FlinkValues f) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("taskmanager.numberOfTaskSlots", Integer.toString(f.taskSlots()));
        conf.put("state.backend.type", "rocksdb");
        conf.put("state.backend.incremental", "true");
        conf.put("state.checkpoints.dir", f.checkpointsDir());
        conf.put("state.savepoints.dir", f.savepointsDir());
        conf.put("execution.checkpointing.interval", f.checkpointInterval());
        conf.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (f.upgradeMode().equals("last-state")) {
            // The operator only does last-state upgrades with Kubernetes HA metadata to find the last checkpoint.
            conf.put("high-availability.type", "kubernetes");
            conf.put("high-availability.storageDir", "file://" + f.stateStorage().mountPath() + "/ha");
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

    /** The job's program arguments (the contract with the job module); no --parallelism, that is spec.job.parallelism. */
    static List<String> args(PlatformValues v) {
        FlinkValues f = v.flink();
        return List.of(
                "--bootstrap", v.bootstrapAddress(),
                "--input-topic", v.topics().input().name(),
                "--output-topic", v.topics().output().name(),
                "--counts-topic", v.topics().counts().name(),
                "--dlq-topic", v.topics().dlq().name(),
                "--group-id", f.groupId(),
                "--delivery", f.delivery(),
                "--transactional-id-prefix", f.transactionalIdPrefix(),
                "--window", f.window(),
                "--checkpoint-interval", f.checkpointInterval());
    }
}
