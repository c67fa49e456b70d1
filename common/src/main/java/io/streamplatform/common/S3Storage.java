package io.streamplatform.common;

/**
 * Checkpoints and savepoints in an S3-compatible object store, read and written by Flink's S3 filesystem plugin
 * ({@code flink-s3-fs-hadoop}). The names every deployment of it uses, local or on Kubernetes: the Flink configuration
 * keys, the plugin's directory under Flink's plugins directory, and the environment variables that carry the
 * credentials. The plugin's default AWS credential chain reads those variables, so credentials never appear in Flink's
 * configuration, its logs or its web UI.
 */
public final class S3Storage {
    /** Flink configuration key: the store's endpoint URL (e.g. http://minio:9000); empty for AWS itself. */
    public static final String ENDPOINT = "s3.endpoint";
    /** Flink configuration key: bucket in the path ({@code endpoint/bucket/key}), which stores other than AWS expect. */
    public static final String PATH_STYLE_ACCESS = "s3.path.style.access";
    /** Environment variable with the access key id. */
    public static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
    /** Environment variable with the secret access key. */
    public static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";
    /** The plugin's directory under Flink's plugins directory (one directory per plugin, each with its own class loader). */
    public static final String PLUGIN_DIR = "s3-fs-hadoop";

    private S3Storage() {
    }

    /** Where checkpoints go in {@code bucket}. */
    public static String checkpoints(String bucket) {
        return "s3://" + bucket + "/checkpoints";
    }

    /** Where savepoints go in {@code bucket}. */
    public static String savepoints(String bucket) {
        return "s3://" + bucket + "/savepoints";
    }

    /** Where Flink's high-availability metadata goes in {@code bucket} (last-state upgrades). */
    public static String highAvailability(String bucket) {
        return "s3://" + bucket + "/ha";
    }
}
