package io.streamplatform.k8s.model;

/** What every job's FlinkDeployment shares: the image and the volume for checkpoints and savepoints. */
public record FlinkValues(String image, String imagePullPolicy, String flinkVersion, StateStorage stateStorage) {

    /** Where Jib puts the jobs' jar in the job image. */
    public static final String JAR_URI = "local:///opt/flink/usrlib/job.jar";

    public String checkpointsDir() {
        return "file://" + stateStorage.mountPath() + "/checkpoints";
    }

    public String savepointsDir() {
        return "file://" + stateStorage.mountPath() + "/savepoints";
    }

    public String haDir() {
        return "file://" + stateStorage.mountPath() + "/ha";
    }

    /** Host directory (present on every node) mounted into the Flink pods for checkpoints and savepoints. */
    public record StateStorage(String hostPath, String mountPath) {
    }
}
