package io.streamplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code secure} group on a tiny input: the transactional copy and the whole job exactly-once against a plaintext
 * and a secured broker (SCRAM over TLS, ACLs) in the same round, and the job's latency against both. Checks the rows,
 * the secure ÷ plain ratios, that nothing was lost, and that each client of the secured broker ran as its own user with
 * only its own ACLs. Not a speed test.
 */
class SecureBenchmarkTest {
    private static final String JOB_RUN = "flink-full-eo-secure-p1-r1";
    private static final String COPY_RUN = "copy-txn-secure-p1-r1";

    @Test
    @Timeout(value = 240)
    void theSecureGroupComparesEachScenarioAgainstTheSecuredBrokerWithTheSameOnThePlaintextOne() throws Exception {
        // A work directory of this run's own, so what it leaves behind is its own.
        Path dir = Path.of(System.getProperty("bench.work.dir", "target/smoke")).toAbsolutePath().resolve("secure-" + System.nanoTime());
        Files.createDirectories(dir);
        Path json = dir.resolve("secure.json");
        BenchOptions o = BenchOptions.parse("--events", "20000", "--runs", "1", "--parallelism", "1", "--no-warmup", "--scenarios", "secure",
                "--steady-window", "0s",
                "--latency-rate", "2000", "--latency-seconds", "3", "--latency-warmup-seconds", "1", "--latency-parallelism", "1",
                "--work-dir", dir.toString(), "--output", json.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Benchmark.Report report = new Benchmark(o, new PrintStream(console, true, StandardCharsets.UTF_8)).execute();

        assertThat(report.throughput()).extracting(Benchmark.ThroughputFigure::scenario)
                .containsExactly("copy-txn", "copy-txn-secure", "flink-full-eo", "flink-full-eo-secure");
        for (Benchmark.ThroughputFigure f : report.throughput()) {
            Benchmark.ThroughputRun run = f.runs().get(0);
            // The job's exactly-once output passed its verifier (or the run would have failed); a copy holds every input record once.
            if (!f.scenario().startsWith("flink")) assertThat(run.outputRecords()).as(f.scenario()).isEqualTo(20_000);
            assertThat(run.cpu().brokerMicrosPerEvent()).as("broker CPU per event, " + f.scenario()).isPositive();
            assertThat(run.kafkaUser()).as("the user of " + f.scenario())
                    .isEqualTo(switch (f.scenario()) {
                        case "copy-txn-secure" -> "copy";
                        case "flink-full-eo-secure" -> "job-events";
                        default -> null;
                    });
        }
        assertThat(report.securityOverhead()).extracting(Benchmark.SecurityOverhead::scenario, Benchmark.SecurityOverhead::baseline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("copy-txn-secure", "copy-txn"),
                        org.assertj.core.groups.Tuple.tuple("flink-full-eo-secure", "flink-full-eo"));
        for (Benchmark.SecurityOverhead m : report.securityOverhead()) {
            assertThat(m.parallelism()).isEqualTo(1);
            assertThat(m.ratio().median()).as("secure ÷ plain, " + m.scenario())
                    .isCloseTo(m.eventsPerSecond().median() / m.baselineEventsPerSecond().median(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(m.brokerCpuMicrosPerEvent().median()).as("broker CPU per event, secured").isPositive();
            assertThat(m.baselineBrokerCpuMicrosPerEvent().median()).as("broker CPU per event, plaintext").isPositive();
        }
        assertThat(report.latency()).extracting(Benchmark.LatencyFigure::scenario).containsExactly("flink-full-eo", "flink-full-eo-secure");
        for (Benchmark.LatencyFigure f : report.latency()) {
            assertThat(f.runs()).singleElement().satisfies(r -> assertThat(r.result().distinct()).as(f.scenario()).isEqualTo(6_000));
        }
        assertThat(report.latencyOverhead()).singleElement().satisfies(l -> {
            assertThat(l.scenario()).isEqualTo("flink-full-eo-secure");
            assertThat(l.baseline()).isEqualTo("flink-full-eo");
            assertThat(l.p99Ratio().median()).isPositive();
        });

        // The secured broker answers no wrong password, and each user may do only what its own runs need.
        JsonNode parsed = new ObjectMapper().readTree(json.toFile());
        JsonNode secured = parsed.path("method").path("secureBroker");
        assertThat(secured.path("wrongPasswordRefused").asText()).contains("Authentication failed");
        JsonNode users = secured.path("users");
        assertThat(names(users)).containsExactly("producer", "job-events", "copy", "reader");
        assertThat(texts(users.path("job-events"))).contains("Read topic bench-input", "Read group bench-" + JOB_RUN,
                        "Write topic output-" + JOB_RUN, "Write transactionalId bench-" + JOB_RUN + "*")
                .noneMatch(acl -> acl.contains("copy-txn") || acl.contains("-eo-p1-") || acl.startsWith("Write topic bench-input"));
        assertThat(texts(users.path("copy"))).containsExactlyInAnyOrder("Read topic bench-input", "Read group bench-copy-" + COPY_RUN,
                "Write topic out-" + COPY_RUN, "Write transactionalId bench-copy-" + COPY_RUN + "-*");
        assertThat(texts(users.path("producer"))).containsExactlyInAnyOrder("Write topic bench-input",
                "Write topic in-lat-flink-full-eo-secure-r1");
        assertThat(texts(users.path("reader"))).containsExactly("Read topic output-lat-flink-full-eo-secure-r1");

        assertThat(parsed.path("securityOverhead").size()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve(json.getFileName().toString().replace(".json", ".md"))))
                .contains("The cost of TLS + SCRAM", "| 1 | flink-full-eo-secure vs flink-full-eo |", "| flink-full-eo-secure ÷ flink-full-eo |");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the secured broker's keys and passwords are deleted")
                    .noneMatch(name -> name.startsWith("kafka-secure-"));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
