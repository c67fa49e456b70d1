package io.streamplatform.bench;

/** {@link Progress}'s package-private rule for a test in the Flink connector's package. */
public final class ProgressAccess {
    private ProgressAccess() {}

    public static int flinkReader(String topic, int partitions, int parallelism, int partition) {
        return Progress.flinkReaders(topic, partitions, parallelism).get(partition);
    }
}
