package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The events job on Kafka Streams in the benchmark, on a real broker, every throughput run sized to a steady window
 * (2 s after a 0.5 s ramp, commits every 200 ms): both guarantees at p = 2 beside their Flink twins and the copies, each
 * reading the first N events of the one input — the copies exactly N out, the jobs' output passed by the job's own
 * verifier for a run of N (exactly-once: every event out once, every window's count right; at-least-once: at least the
 * exactly-once run's records) — the Flink ÷ Kafka Streams ratios of the same round, and the latency pair. Not a speed test.
 */
class KStreamsBenchmarkTest {

    @Test
    @Timeout(value = 200)
    void kafkaStreamsScenariosRunVerifiedBesideTheirFlinkTwins() throws Exception {
        Path dir = Path.of(System.getProperty("bench.work.dir", "target/smoke")).toAbsolutePath();
        Files.createDirectories(dir);
        Path json = dir.resolve("kstreams-" + System.nanoTime() + ".json");
        BenchOptions o = BenchOptions.parse("--events", "200000", "--runs", "1", "--parallelism", "2",
                "--steady-window", "2s", "--ramp", "500ms", "--checkpoint-interval", "200ms", "--max-events", "20000000",
                "--scenarios", "throughput,latency", "--latency-rate", "2000", "--latency-seconds", "3", "--latency-warmup-seconds", "1",
                "--latency-parallelism", "2", "--work-dir", dir.toString(), "--output", json.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.Report report = new Benchmark(o, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();

        assertThat(report.throughput()).extracting(Benchmark.ThroughputFigure::scenario).containsExactly(
                "copy-alo", "copy-txn", "flink-full-eo", "flink-full-alo", "kstreams-full-eo", "kstreams-full-alo");
        for (Benchmark.ThroughputFigure f : report.throughput()) {
            assertThat(f.parallelism()).isEqualTo(2);
            assertThat(f.runs()).singleElement().satisfies(r -> {
                assertThat(r.steadySeconds()).as(r.scenario() + ": its steady window").isGreaterThanOrEqualTo(2.0);
                assertThat(r.steadyEvents()).as(r.scenario()).isPositive().isLessThan(r.events());
                assertThat(r.eventsPerSecond()).as(r.scenario()).isCloseTo(r.steadyEvents() / r.steadySeconds(),
                        org.assertj.core.data.Percentage.withPercentage(1));
                assertThat(r.events()).as(r.scenario() + ": sized beyond the warm-up's").isGreaterThan(200_000);
                // The first N of a longer input, and no more: every event out once (no malformed input, so all normalised).
                assertThat(r.outputRecords()).as(r.scenario() + ": records out").isEqualTo(r.events());
                assertThat(r.cpu().jvmMicrosPerEvent()).isPositive();
            });
            assertThat(f.steadySeconds().min()).isGreaterThanOrEqualTo(2.0);
        }
        assertThat(report.method()).containsEntry("steadyWindowMs", 2000L);
        assertThat(report.peers()).extracting(Benchmark.PeerRatio::flink, Benchmark.PeerRatio::kstreams).containsExactly(
                org.assertj.core.groups.Tuple.tuple("flink-full-eo", "kstreams-full-eo"),
                org.assertj.core.groups.Tuple.tuple("flink-full-alo", "kstreams-full-alo"));
        for (Benchmark.PeerRatio r : report.peers()) {
            double expected = r.flinkEventsPerSecond().median() / r.kstreamsEventsPerSecond().median();
            assertThat(r.ratio().median()).as("one round: the ratio of the two runs").isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(r.kstreamsJvmCpuMicrosPerEvent().median()).isPositive();
        }
        assertThat(report.targets()).extracting(Benchmark.Target::name)
                .contains("flink-full-eo ÷ kstreams-full-eo p=2", "latency p99 flink-full-eo ÷ kstreams-full-eo");
        assertThat(report.latency()).filteredOn(f -> f.scenario().equals("kstreams-full-eo")).singleElement()
                .satisfies(f -> assertThat(f.runs()).singleElement().satisfies(r -> assertThat(r.result().distinct()).isEqualTo(6_000)));
        assertThat(report.latencyPeers()).singleElement().satisfies(l -> assertThat(l.p99Ratio().median()).isPositive());

        JsonNode parsed = new ObjectMapper().readTree(json.toFile());
        assertThat(parsed.path("peers").size()).isEqualTo(2);
        String table = Files.readString(dir.resolve(json.getFileName().toString().replace(".json", ".md")));
        assertThat(table).contains("| 2 | flink-full-eo ÷ kstreams-full-eo |", "| flink-full-eo ÷ kstreams-full-eo |", "| 2 | kstreams-full-alo |");
    }
}
