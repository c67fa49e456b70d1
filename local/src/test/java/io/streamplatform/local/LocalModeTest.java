package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.job.toy.ToyDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local mode as a user runs it ({@code ./pipeline}): its own real Kafka broker, the job on a real local
 * Flink runtime, the producer and verifying consumer jars as child JVMs.
 */
class LocalModeTest {

    @ParameterizedTest(name = "delivery {0}")
    @ValueSource(strings = {"exactly-once", "at-least-once"})
    void runsTheWholePipelineVerifiesItAndLeavesNoProcessBehind(String delivery) {
        PipelineRun run = PipelineRun.of("--events", "20000", "--rate", "0", "--malformed-fraction", "0.01", "--delivery", delivery,
                "--checkpoint-interval", "500ms", "--window", "2s", "--quiet");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String result = run.out().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "20000").containsEntry("out", "19800").containsEntry("dlq", "200")
                .containsEntry("missing", "0").containsEntry("duplicates", "0").containsEntry("window_errors", "0")
                .containsEntry("verdict", "PASS");
        assertThat(kv).containsKeys("records_per_s", "p50_ms", "p99_ms");
        assertThat(Long.parseLong(kv.get("windows"))).isPositive();
        assertThat(run.out()).contains("Local pipeline run", "of job events: PASS", "normalized    19,800 distinct").doesNotContain("] produced"); // --quiet: no progress lines
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> p.pid() != SharedKafka.pid())
                .map(p -> p.info().commandLine().orElse("?")))
                .as("child processes left behind").isEmpty();
    }

    @Test
    @ExtendWith(SharedKafka.class)
    void pointsAtAnExistingBrokerWithBootstrap() {
        PipelineRun run = PipelineRun.of("--bootstrap", SharedKafka.bootstrap(), "--events", "5000", "--rate", "0", "--partitions", "2",
                "--checkpoint-interval", "500ms", "--quiet");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("Starting a Kafka broker").contains("Kafka at " + SharedKafka.bootstrap(), "verdict=PASS");
    }

    @Test
    void badFlagsPrintTheProblemAndUsage() {
        PipelineRun run = PipelineRun.of("--events", "-5");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: --events must be > 0", "Usage: pipeline");

        PipelineRun help = PipelineRun.of("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: pipeline", "--delivery", "--bootstrap");

        PipelineRun unknown = PipelineRun.of("--no-such-option");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void listJobsShowsTheCatalogueWithTheTestScopeToyJob() {
        PipelineRun run = PipelineRun.of("--list-jobs");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("events (default): ")
                .contains("    input    events ", "    dlq      events-dlq ")
                .contains("toy: Test-scope toy", "    output   toy-out ")
                .contains("clickstream: ", "    sessions click-sessions ", "logs: ", "    windows  service-windows ", "grid: ", "    aggregates grid-aggregates ", "    alerts     grid-alerts ");
    }

    @Test
    void anUnknownJobOrJobOptionIsAOneLineErrorNamingWhatIsKnown() {
        long before = ProcessHandle.current().descendants().count();
        PipelineRun unknown = PipelineRun.of("--job", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines().findFirst().orElseThrow()).isEqualTo("error: unknown job 'nope' (known: " + String.join(", ", Catalogue.names()) + ")");

        PipelineRun badOption = PipelineRun.of("--job", "toy", "--window", "5s");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).startsWith("error: Unknown options: '--window', '5s' (the toy job's options: pipeline --job toy --help)");

        PipelineRun bareDuration = PipelineRun.of("--window", "5");
        assertThat(bareDuration.exit()).isEqualTo(2);
        assertThat(bareDuration.err()).contains("'5' has no unit: write 5ms, 5s, 5m or 5h");
        assertThat(ProcessHandle.current().descendants().count()).as("nothing started").isEqualTo(before);
    }

    @Test
    void helpListsTheChosenJobsOptionsWithLocalDefaults() {
        PipelineRun help = PipelineRun.of("--job", "toy", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: pipeline", "Options of the toy job. Local mode gives it --checkpoint-interval 1s", "--suffix", "--input-topic");
    }

    /**
     * A job that exists only in test scope ({@code job/toy} in the job module's test-jar, registered in this module's
     * test resources) runs end to end and is verified by its own generator and verifier, in the producer and
     * consumer apps, which find it on the extra class path like a user's jar ({@code PIPELINE_CLASSPATH}).
     */
    @Test
    void aToyJobAddedInTestScopeRunsVerified() throws Exception {
        String extra = location(ToyDefinition.class) + java.io.File.pathSeparator + location(LocalModeTest.class);
        System.setProperty(PlatformHome.EXTRA_CLASSPATH, extra);
        try {
            PipelineRun run = PipelineRun.of("--job", "toy", "--events", "3000", "--rate", "0", "--malformed-fraction", "0.01", "--suffix", "?",
                    "--checkpoint-interval", "500ms", "--quiet");
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            String result = run.out().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            assertThat(ChildOutput.keyValues(result.substring("RESULT ".length()))).containsEntry("in", "3000")
                    .containsEntry("out", "2970").containsEntry("dlq", "30").containsEntry("wrong", "0").containsEntry("verdict", "PASS");
            assertThat(run.out()).contains("of job toy: PASS", "toy output    2,970 of 2,970");
        } finally {
            System.clearProperty(PlatformHome.EXTRA_CLASSPATH);
        }
    }

    /**
     * {@code ./pipeline --job logs} and {@code --job grid} as a user runs them: the producer app sends the generator's
     * records with their ground-truth headers, the consuming verifier reads the input back and the outputs, and the
     * run passes with every injected episode detected once and nothing else.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logs", "grid"})
    void eachDetectionJobRunsVerifiedWithItsEpisodesFound(String job) {
        PipelineRun run = PipelineRun.of("--job", job, "--events", "100000", "--rate", "0", "--malformed-fraction", "0.01",
                "--checkpoint-interval", "500ms", "--quiet");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String result = run.out().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "100000").containsEntry("dlq", "1000").containsEntry("precision", "1.000")
                .containsEntry("recall", "1.000").containsEntry("verdict", "PASS");
        assertThat(Long.parseLong(kv.get("episodes"))).as("episodes injected").isPositive();
        assertThat(run.out()).contains("of job " + job + ": PASS");
    }

    /** {@code ./pipeline --job clickstream}: every upsert topic's final state equal to the recomputation, too-late clicks dead-lettered. */
    @Test
    void theClickstreamJobRunsVerified() {
        PipelineRun run = PipelineRun.of("--job", "clickstream", "--events", "100000", "--rate", "0", "--malformed-fraction", "0.01",
                "--checkpoint-interval", "500ms", "--quiet");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String result = run.out().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "100000").containsEntry("dlq", "1000").containsEntry("sessions_wrong", "0")
                .containsEntry("funnels_wrong", "0").containsEntry("trending_wrong", "0").containsEntry("verdict", "PASS");
        assertThat(Long.parseLong(kv.get("too_late"))).as("too-late clicks dead-lettered").isPositive();
        assertThat(run.out()).contains("of job clickstream: PASS", "  sessions      ");
    }

    /**
     * {@code ./pipeline --job recommendations}: one producer app feeding both of the job's input topics (watches and the
     * compacted catalogue, changing mid-run), the verifier recomputing every list from both read back.
     */
    @Test
    void theRecommendationsJobRunsVerifiedFromItsTwoInputs() {
        PipelineRun run = PipelineRun.of("--job", "recommendations", "--events", "60000", "--rate", "0", "--keys", "50",
                "--malformed-fraction", "0.01", "--checkpoint-interval", "500ms", "--quiet");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String result = run.out().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        Map<String, String> kv = ChildOutput.keyValues(result.substring("RESULT ".length()));
        assertThat(kv).containsEntry("in", "60000").containsEntry("lists_wrong", "0").containsEntry("final_wrong", "0")
                .containsEntry("already_watched", "0").containsEntry("verdict", "PASS");
        assertThat(Long.parseLong(kv.get("catalogue"))).as("catalogue records read back from the second input").isGreaterThan(300);
        assertThat(Long.parseLong(kv.get("dlq"))).as("600 malformed plus the unknown videos").isGreaterThan(600);
        assertThat(run.out()).contains("of job recommendations: PASS", "topics [video-watches, video-catalogue, video-recommendations, video-dlq]");
    }

    private static String location(Class<?> type) throws Exception {
        return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void anUnreachableBrokerIsAOneLineErrorWithinTheDeadline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        PipelineRun run = PipelineRun.of("--bootstrap", "127.0.0.1:" + closedPort, "--connect-timeout", "3s");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort + " within 3s");
        assertThat(seconds).as("seconds until the error").isLessThan(30);
    }

}
