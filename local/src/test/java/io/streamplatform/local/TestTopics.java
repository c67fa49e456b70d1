package io.streamplatform.local;

import io.streamplatform.job.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** A fresh set of the pipeline's four topics, named after the test, on the shared broker. */
record TestTopics(String input, String output, String counts, String dlq) {
    /** The window size of {@link #jobConfig}, for the tests' verifiers. */
    static final long WINDOW_MS = 5_000;

    /** The start of a window {@code ago} ms (up to one window more) in the past: event times from here fill whole windows. */
    static long windowStartAgo(long ago) {
        return (System.currentTimeMillis() / WINDOW_MS) * WINDOW_MS - ago;
    }

    static TestTopics create(String name, int partitions) {
        String p = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        TestTopics t = new TestTopics(p + "-in", p + "-out", p + "-counts", p + "-dlq");
        TopicAdmin.ensureTopics(SharedKafka.bootstrap(), t.all(), partitions, Duration.ofSeconds(30));
        return t;
    }

    List<String> all() {
        return List.of(input, output, counts, dlq);
    }

    /** A job configuration over these topics, exactly-once, 500 ms checkpoints, 5 s windows. */
    JobConfig jobConfig(String runId, Path checkpoints, int parallelism) {
        JobConfig j = new JobConfig();
        j.bootstrap = SharedKafka.bootstrap();
        j.inputTopic = input;
        j.outputTopic = output;
        j.countsTopic = counts;
        j.dlqTopic = dlq;
        j.groupId = "test-" + runId;
        j.transactionalIdPrefix = "test-" + runId;
        j.checkpointInterval = Duration.ofMillis(500);
        j.checkpointDir = checkpoints.toUri().toString();
        j.window = Duration.ofMillis(WINDOW_MS);
        j.parallelism = parallelism;
        j.jobName = "test-" + runId;
        return j;
    }
}
