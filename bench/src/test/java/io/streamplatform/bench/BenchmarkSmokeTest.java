package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.streamplatform.common.catalogue.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness works end to end on a tiny input: real broker, real Flink, real local mode. Checks that every
 * scenario produced a figure, nothing was lost, ratios were computed, the JSON parses and the charts are PNGs.
 * Not a speed test.
 */
class BenchmarkSmokeTest {

    @Test
    @Timeout(value = 240)
    void everyScenarioProducesAFigureWithoutLosingRecords() throws Exception {
        Path dir = Path.of(System.getProperty("bench.work.dir", "target/smoke")).toAbsolutePath();
        Files.createDirectories(dir);
        Path json = dir.resolve("smoke-" + System.nanoTime() + ".json");
        BenchOptions o = BenchOptions.parse("--events", "20000", "--runs", "1", "--parallelism", "1", "--no-warmup",
                "--steady-window", "0s", "--scenarios", "throughput,breakdown,latency,rss,catalogue,metrics",
                "--latency-rate", "2000", "--latency-seconds", "3", "--latency-warmup-seconds", "1", "--latency-parallelism", "1",
                "--rss-events", "2000", "--catalogue-events", "30000", "--work-dir", dir.toString(), "--output", json.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long started = System.nanoTime();

        Benchmark.Report report = new Benchmark(o, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();

        // The events job's scenarios, then each other catalogue job (the toy job of this module's tests too) beside its copy.
        List<String> others = Catalogue.names().stream().filter(n -> !n.equals("events")).toList();
        assertThat(others).contains("logs", "toy");
        // Every scenario but the secure group's (SecureBenchmarkTest).
        long scenarios = java.util.Arrays.stream(Scenario.values()).filter(s -> !s.secure).count();
        assertThat(report.throughput()).hasSize((int) scenarios + 2 * others.size());
        assertThat(report.throughput()).extracting(Benchmark.ThroughputFigure::scenario).contains("logs copy-txn", "logs flink-full-eo");
        assertThat(report.throughput()).filteredOn(f -> f.scenario().startsWith("logs ")).allMatch(f -> f.parallelism() == 2);
        assertThat(report.method()).containsEntry("job", "events");
        assertThat(report.throughput()).filteredOn(f -> f.scenario().equals("logs flink-full-eo")).singleElement()
                .satisfies(f -> assertThat(f.peakStateBytes().min()).as("peak checkpointed state of the logs job").isPositive());
        for (Benchmark.ThroughputFigure f : report.throughput()) {
            assertThat(f.eventsPerSecond().median()).as(f.scenario()).isPositive();
            for (Benchmark.ThroughputRun r : f.runs()) {
                boolean events = !f.scenario().contains(" ");
                boolean severalInputs = !events && Catalogue.get(f.scenario().split(" ")[0]).inputs().size() > 1;
                if (events || f.scenario().endsWith("copy-txn")) {
                    // A copy copies the first input: all of the records, or for a job with several inputs (recommendations:
                    // watches and catalogue) what went to the first.
                    assertThat(r.outputRecords()).as(r.scenario()).isEqualTo(r.events());
                    if (severalInputs) assertThat(r.events()).as(r.scenario()).isPositive().isLessThan(30_000);
                    else assertThat(r.events()).as(r.scenario()).isEqualTo(events ? 20_000 : 30_000);
                } else {
                    assertThat(r.outputRecords()).as(r.scenario() + ": records in its primary output").isPositive();
                }
                assertThat(r.cpu().jvmMicrosPerEvent()).as("CPU of the benchmark JVM per event, " + r.scenario()).isPositive();
                assertThat(r.cpu().machineBusy()).as("machine busy, " + r.scenario()).isBetween(0.0, 1.0);
            }
            if (f.baseline() != null) assertThat(f.ratio()).as(f.scenario()).isNotNull();
            if (f.baseline() != null) assertThat(f.ratio().median()).as(f.scenario()).isPositive();
        }
        assertThat(report.latency()).extracting(Benchmark.LatencyFigure::scenario)
                .containsExactly("copy-alo", "copy-txn", "flink-full-eo", "flink-full-alo", "kstreams-full-eo");
        for (Benchmark.LatencyFigure f : report.latency()) {
            for (Benchmark.LatencyRun r : f.runs()) {
                assertThat(r.result().distinct()).as(f.scenario()).isEqualTo(6_000);
                assertThat(r.result().achievedRate()).as(f.scenario()).isPositive();
                assertThat(r.result().maxMs()).as(f.scenario()).isGreaterThanOrEqualTo(r.result().p99Ms());
            }
        }
        assertThat(report.rss().peakRssMb()).containsKeys("local-mode (job + Flink)", "broker", "producer", "consumer");
        assertThat(report.rss().peakRssMb().values()).allMatch(mb -> mb > 0);
        assertThat(report.rss().resultLine()).contains("PASS");
        assertThat(report.targets()).isNotEmpty();
        // The metrics scenario: the job with Flink's reporter on, its endpoint scraped while the job ran, beside the job without.
        assertThat(report.metricsOverhead()).singleElement().satisfies(m -> {
            assertThat(m.scenario()).isEqualTo("flink-full-eo-metrics");
            assertThat(m.baseline()).isEqualTo("flink-full-eo");
            assertThat(m.ratio().median()).as("throughput with ÷ without metrics").isPositive();
            assertThat(m.scrapesPerRun().min()).as("scrapes during a run").isGreaterThanOrEqualTo(1);
            assertThat(m.jobSamplesPerScrape().min()).as("samples of the job (job_name label) in a scrape").isPositive();
        });
        assertThat(report.throughput()).filteredOn(f -> f.scenario().equals("flink-full-eo-metrics")).singleElement()
                .satisfies(f -> assertThat(f.baseline()).isEqualTo("flink-full-eo"));

        JsonNode parsed = new ObjectMapper().readTree(json.toFile());
        assertThat(parsed.path("throughput").size()).isEqualTo((int) scenarios + 2 * others.size());
        for (var figure : parsed.path("throughput")) {
            if (!figure.path("baseline").isNull()) assertThat(figure.path("ratio").path("median").asDouble()).isPositive();
        }
        assertThat(parsed.path("latency").size()).isEqualTo(5);
        assertThat(parsed.path("metricsOverhead").path(0).path("ratio").path("median").asDouble()).isPositive();
        for (Path png : List.of(Charts.throughputFile(json), Charts.latencyFile(json))) {
            var image = javax.imageio.ImageIO.read(png.toFile());
            assertThat(image).as(png + " is a PNG").isNotNull();
            assertThat(image.getWidth()).as(png + " width").isGreaterThanOrEqualTo(800);
        }
        assertThat(parsed.path("rss").path("sumOfPeaksMb").asLong()).isPositive();
        assertThat(parsed.path("machine").path("cpus").asInt()).isPositive();
        assertThat(Files.readString(dir.resolve(json.getFileName().toString().replace(".json", ".md")))).contains("| p | scenario |");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("flink-transform-eo");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("smoke run duration").isLessThan(Duration.ofSeconds(240));
    }

    /**
     * Any catalogue job can be benchmarked: here the test-scope toy job (registered in this module's test resources),
     * its input from its own generator, its exactly-once output passed by its own verifier.
     */
    @Test
    @Timeout(value = 150)
    void anyCatalogueJobCanBeBenchmarked() {
        Path dir = Path.of(System.getProperty("bench.work.dir", "target/smoke")).toAbsolutePath();
        BenchOptions o = BenchOptions.parse("--job", "toy", "--events", "5000", "--runs", "1", "--parallelism", "1", "--no-warmup",
                "--scenarios", "throughput,breakdown", "--work-dir", dir.toString(), "--output", dir.resolve("toy-" + System.nanoTime() + ".json").toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.Report report = new Benchmark(o, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();

        assertThat(report.method()).containsEntry("job", "toy");
        assertThat(report.throughput()).extracting(Benchmark.ThroughputFigure::scenario)
                .as("the toy job has no --window-counts, so no transform variant")
                .containsExactly("copy-alo", "copy-txn", "flink-copy-eo", "flink-copy-alo", "flink-full-eo", "flink-full-alo");
        for (Benchmark.ThroughputFigure f : report.throughput()) {
            assertThat(f.runs()).allSatisfy(r -> assertThat(r.outputRecords()).as(r.scenario()).isGreaterThanOrEqualTo(5_000));
        }
    }
}
