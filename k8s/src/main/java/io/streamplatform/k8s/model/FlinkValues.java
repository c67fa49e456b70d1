package io.streamplatform.k8s.model;

/** The FlinkDeployment running the pipeline job in application mode. */
public record FlinkValues(
        String name,
        String image,
        String imagePullPolicy,
        String flinkVersion,
        int parallelism,
        int taskSlots,
        String upgradeMode,
        String delivery,
        String window,
        String checkpointInterval,
        String groupId,
        String transactionalIdPrefix,
        FlinkResource jobManager,
        FlinkResource taskManager,
        StateStorage stateStorage) {

    /** Where Jib puts the job jar in the job image. */
    public static final String JAR_URI = "local:///opt/flink/usrlib/job.jar";
    public static final String ENTRY_CLASS = "io.streamplatform.job.PipelineJob";

    public String checkpointsDir() {
        return "file://" + stateStorage.mountPath() + "/checkpoints";
    }

    public String savepointsDir() {
        return "file://" + stateStorage.mountPath() + "/savepoints";
    }

    /** CPU (cores) and memory (Flink memory size, e.g. {@code 1024m}) of a JobManager or TaskManager pod. */
    public record FlinkResource(double cpu, String memory) {
    }

    /** Host directory (present on every node) mounted into the Flink pods for checkpoints and savepoints. */
    public record StateStorage(String hostPath, String mountPath) {
    }
}
