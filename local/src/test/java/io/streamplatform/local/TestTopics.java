package io.streamplatform.local;

import io.streamplatform.common.events.EventsDefinition;
import io.streamplatform.common.events.EventsOptions;
import io.streamplatform.job.core.ConfiguredJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh set of the pipeline's four topics, named after the test, on the shared broker. */
record TestTopics(String input, String output, String counts, String dlq) {
    /** The window size of {@link #job}, for the tests' verifiers. */
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

    /**
     * The events job over these topics, configured as a deployment would be, through the job's own parser:
     * exactly-once, 500 ms checkpoints, 5 s windows, then {@code more} of its options.
     */
    ConfiguredJob<EventsOptions> job(String runId, Path checkpoints, int parallelism, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap", SharedKafka.bootstrap(),
                "--input-topic", input, "--output-topic", output, "--counts-topic", counts, "--dlq-topic", dlq,
                "--group-id", "test-" + runId, "--transactional-id-prefix", "test-" + runId, "--job-name", "test-" + runId,
                "--checkpoint-interval", "500ms", "--checkpoint-dir", checkpoints.toUri().toString(),
                "--window", WINDOW_MS + "ms", "--parallelism", Integer.toString(parallelism)));
        args.addAll(List.of(more));
        return ConfiguredJob.of(new EventsDefinition(), args);
    }
}
