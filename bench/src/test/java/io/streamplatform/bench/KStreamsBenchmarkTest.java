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
 * The events job on Kafka Streams in the benchmark, tiny, on a real broker: both guarantees at p = 2 beside their Flink
 * twins, their output passed by the job's own verifier (exactly-once: every event out once, every window's count
 * right; at-least-once: at least the exactly-once run's records), the Flink ÷ Kafka Streams ratios of the same round,
 * and the latency pair. Not a speed test.
 */
class KStreamsBenchmarkTest {

    @Test
    @Timeout(value = 200)
    void kafkaStreamsScenariosRunVerifiedBesideTheirFlinkTwins() throws Exception {
        Path dir = Path.of(System.getProperty("bench.work.dir", "target/smoke")).toAbsolutePath();
        Files.createDirectories(dir);
        Path json = dir.resolve("kstreams-" + System.nanoTime() + ".json");
        BenchOptions o = BenchOptions.parse("--events", "20000", "--runs", "1", "--parallelism", "2", "--no-warmup",
                "--scenarios", "throughput,latency", "--latency-rate", "2000", "--latency-seconds", "3", "--latency-warmup-seconds", "1",
                "--latency-parallelism", "2", "--work-dir", dir.toString(), "--output", json.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.Report report = new Benchmark(o, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();

        for (String label : new String[] {"kstreams-full-eo", "kstreams-full-alo"}) {
            assertThat(report.throughput()).filteredOn(f -> f.scenario().equals(label)).singleElement().satisfies(f -> {
                assertThat(f.parallelism()).isEqualTo(2);
                assertThat(f.eventsPerSecond().median()).isPositive();
                assertThat(f.runs()).singleElement().satisfies(r -> {
                    assertThat(r.events()).isEqualTo(20_000);
                    assertThat(r.outputRecords()).as(label + ": normalised events").isEqualTo(20_000);
                    assertThat(r.cpu().jvmMicrosPerEvent()).isPositive();
                });
            });
        }
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
