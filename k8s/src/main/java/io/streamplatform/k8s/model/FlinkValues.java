package io.streamplatform.k8s.model;

import io.streamplatform.common.S3Storage;

/** What every job's FlinkDeployment shares: the image and where checkpoints, savepoints and HA metadata live. */
public record FlinkValues(String image, String imagePullPolicy, String flinkVersion, int runAsUser, StateStorage stateStorage) {

    /** Where Jib puts the jobs' jar in the job image. */
    public static final String JAR_URI = "local:///opt/flink/usrlib/job.jar";

    public String checkpointsDir() {
        return stateStorage.inS3() ? S3Storage.checkpoints(stateStorage.s3().bucket()) : stateStorage.fileUri("checkpoints");
    }

    public String savepointsDir() {
        return stateStorage.inS3() ? S3Storage.savepoints(stateStorage.s3().bucket()) : stateStorage.fileUri("savepoints");
    }

    public String haDir() {
        return stateStorage.inS3() ? S3Storage.highAvailability(stateStorage.s3().bucket()) : stateStorage.fileUri("ha");
    }

    /**
     * Where checkpoints, savepoints and last-state HA metadata live: {@code hostPath}, a node directory mounted into the
     * Flink pods (the kind default), or {@code s3}, a bucket of an S3-compatible store; the other one's values are unused.
     */
    public record StateStorage(String type, String hostPath, String mountPath, S3Store s3) {
        public static final String HOST_PATH = "hostPath";
        public static final String S3 = "s3";

        public boolean inS3() {
            return S3.equals(type);
        }

        private String fileUri(String dir) {
            return "file://" + mountPath + "/" + dir;
        }
    }

    /**
     * A bucket of an S3-compatible store ({@code endpoint} empty: AWS itself), and the existing Secret (by name, with
     * the names of its two keys) whose credentials reach the Flink pods as environment variables.
     */
    public record S3Store(String endpoint, String bucket, boolean pathStyleAccess, String credentialsSecret, String accessKeyIdKey,
            String secretAccessKeyKey) {
    }
}
