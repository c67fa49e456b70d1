package io.streamplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamplatform.common.Headers;
import io.streamplatform.common.PrometheusText.Sample;
import io.streamplatform.common.catalogue.Alert;
import io.streamplatform.common.catalogue.Catalogue;
import io.streamplatform.common.catalogue.TopicRole;
import io.streamplatform.common.grid.GridDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs' own metrics as Prometheus scrapes them from a real Flink runtime (Flink's own Prometheus reporter, names
 * and labels), against what a read_committed reader of the run's topics sees: records read per input, records
 * written per output, dead letters by reason, late records, latency and watermark lag per output, and a job's own
 * counters.
 */
@ExtendWith(SharedKafka.class)
class JobMetricsTest {
    private static final String PLATFORM = "flink_taskmanager_job_task_operator_platform_";
    private static final String RECORDS_READ = PLATFORM + "input_records_read";
    private static final String RECORDS_WRITTEN = PLATFORM + "output_records_written";
    private static final String LATENCY = PLATFORM + "output_latency_ms";
    private static final String WATERMARK_LAG = PLATFORM + "output_watermark_lag_ms";
    private static final String DEAD_LETTERS = PLATFORM + "reason_dead_letters";
    private static final String LATE_RECORDS = PLATFORM + "late_records";

    @TempDir
    Path dir;

    @Test
    void theEventsJobCountsWhatItReadsWritesAndDeadLettersUnderItsPrometheusNames() throws Exception {
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("events"), "metrics", 1_000_000)) {
            Seen seen = new Seen(run);
            // Event time is the time of sending: input goes on, 500 records at a time, until a window count is out.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Scrape s = measure(run, seen, () -> {
                long sent = 0;
                while (seen.count("counts") == 0 && System.nanoTime() < deadline) {
                    run.send(500);
                    sent += 500;
                    run.readUntil(() -> seen.count("counts") > 0, Duration.ofMillis(500));
                }
                return sent;
            });

            checkOutputs(s, run, seen, List.of("output", "counts", "dlq"));
            // 1 % malformed, the generator's five kinds in turn (a multiple of 500 records sent: as many of each).
            double each = s.sum(RECORDS_READ, ours(run)) / 100 / 5;
            assertThat(s.sumBy(DEAD_LETTERS, "reason", ours(run)))
                    .containsAllEntriesOf(Map.of("not_json", each, "missing_field", each, "wrong_type", each, "not_utf8", each, "oversized", each));
            assertThat(s.named(LATE_RECORDS, ours(run))).as("late_records, even with none late").isNotEmpty();
            assertThat(s.sum(LATE_RECORDS, ours(run))).isEqualTo(seen.reasons.getOrDefault("late", 0L).doubleValue());
        }
    }

    @Test
    void theGridJobCountsEachOutputAndItsAlertsByKind() throws Exception {
        // 100 sensors, 200 simulated seconds: episodes from 30 s on, each over before the input's quiet end (120 s).
        long records = 20_000;
        try (CatalogueRun run = new CatalogueRun(Catalogue.get("grid"), "metrics", records)) {
            Seen seen = new Seen(run);
            Scrape s = measure(run, seen, () -> {
                run.send(records);
                return records;
            });

            checkOutputs(s, run, seen, List.of("aggregates", "alerts", "dlq"));
            assertThat(s.sum(LATE_RECORDS, ours(run))).isEqualTo(seen.reasons.getOrDefault("late", 0L).doubleValue());

            Map<String, Long> firing = new TreeMap<>(seen.alerts.getOrDefault(Alert.FIRING, Map.of()));
            Map<String, Long> resolved = new TreeMap<>(seen.alerts.getOrDefault(Alert.RESOLVED, Map.of()));
            String silence = label(GridDefinition.SILENCE);
            long silences = firing.getOrDefault(silence, 0L);
            firing.remove(silence);
            resolved.remove(silence);
            assertThat(firing).as("episodes fired in the run").isNotEmpty();
            assertThat(s.sumBy(PLATFORM + "kind_alerts_raised", "kind", ours(run))).as("alerts_raised by kind")
                    .isEqualTo(doubles(firing));
            assertThat(s.sum(PLATFORM + "episodes_opened", ours(run))).isEqualTo((double) firing.values().stream().mapToLong(Long::longValue).sum());
            assertThat(s.sum(PLATFORM + "episodes_closed", ours(run))).isEqualTo((double) resolved.values().stream().mapToLong(Long::longValue).sum());
            assertThat(s.sum(PLATFORM + "silences_raised", ours(run))).isEqualTo((double) silences);
        }
    }

    /** Sends a run's input; returns how many records it sent. */
    @FunctionalInterface
    private interface Input {
        long send() throws Exception;
    }

    /**
     * Runs the job on a runtime with a metrics endpoint, sends the run's input, and scrapes until the input is read and
     * checkpointed and the metrics agree with the reader twice in a row, a second apart; returns the last scrape.
     */
    private Scrape measure(CatalogueRun run, Seen seen, Input input) throws Exception {
        try (LocalFlinkCluster flink = new LocalFlinkCluster(2, 0, KafkaBroker.freePort())) {
            JobID job = flink.submit(run.job(dir, 2, "--job-name", run.run), null);
            flink.awaitRunning(job, Duration.ofSeconds(60));
            long records = input.send();
            String url = flink.metricsUrl();
            Progress p = new Progress();
            boolean agreed = run.readUntil(() -> {
                if (!p.checkpointed) p.checkpointed = run.inputCheckpointed();
                if (!p.checkpointed || System.nanoTime() < p.nextScrape) return false;
                p.nextScrape = System.nanoTime() + 1_000_000_000L;
                p.last = Scrape.of(url);
                Map<String, Double> written = p.last.sumBy(RECORDS_WRITTEN, "output", ours(run));
                boolean agree = p.last.sum(RECORDS_READ, ours(run)) == records && written.equals(seen.outputs(run));
                boolean stable = agree && written.equals(p.agreed);
                p.agreed = agree ? written : null;
                return stable;
            }, Duration.ofSeconds(90));
            Scrape s = p.last != null ? p.last : Scrape.of(url);
            assertThat(s.sum(RECORDS_READ, ours(run))).as(() -> "records_read, all the input (" + flink.describe(job) + ")").isEqualTo((double) records);
            assertThat(s.sumBy(RECORDS_WRITTEN, "output", ours(run))).as("records_written by output: what the reader sees, agreed: " + agreed)
                    .isEqualTo(seen.outputs(run));
            return s;
        }
    }

    /** Names, labels and values every job exports for its input and each of its outputs. */
    private static void checkOutputs(Scrape s, CatalogueRun run, Seen seen, List<String> outputs) {
        assertThat(s.sumBy(RECORDS_READ, "input", ours(run))).containsOnlyKeys("input");
        for (Sample read : s.named(RECORDS_READ, ours(run))) {
            assertThat(read.labels()).containsKeys("job_name", "task_name", "operator_name", "subtask_index")
                    .containsEntry("operator_name", "route_malformed");
        }
        assertThat(s.sumBy(RECORDS_WRITTEN, "output", ours(run))).containsOnlyKeys(outputs);
        for (String output : outputs) {
            Predicate<Sample> of = ours(run).and(x -> output.equals(x.label("output")));
            assertThat(seen.count(output)).as("records on %s", output).isPositive();
            assertThat(s.named(RECORDS_WRITTEN, of)).allSatisfy(x -> assertThat(x.labels()).containsEntry("operator_name", "metrics_" + output));
            assertThat(s.sum(LATENCY + "_count", of)).as("latency_ms measured on %s", output).isPositive();
            assertThat(s.named(LATENCY, of)).as("latency_ms quantiles on %s", output)
                    .anySatisfy(x -> assertThat(x.labels()).containsEntry("quantile", "0.99"))
                    .allSatisfy(x -> assertThat(x.value()).isFinite().isNotNegative());
            assertThat(s.named(WATERMARK_LAG, of)).as("watermark_lag_ms on %s", output)
                    .anySatisfy(x -> assertThat(x.value()).isFinite());
        }
        assertThat(s.sumBy(DEAD_LETTERS, "reason", ours(run))).as("dead_letters by reason: the reasons' categories on the dead-letter topic")
                .isEqualTo(doubles(seen.reasons));
    }

    private static Predicate<Sample> ours(CatalogueRun run) {
        String job = label(run.run);
        return x -> job.equals(x.label("job_name"));
    }

    /** A label value as Prometheus shows it: only letters, digits and {@code _}. */
    private static String label(String value) {
        return value.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static Map<String, Double> doubles(Map<String, Long> counts) {
        Map<String, Double> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }

    private static final class Progress {
        boolean checkpointed;
        long nextScrape;
        Scrape last;
        Map<String, Double> agreed;
    }

    /** What the reader has seen of the run's topics: records per role, dead letters by reason category, alerts. */
    private static final class Seen {
        final Map<String, Long> records = new ConcurrentHashMap<>();
        final Map<String, Long> reasons = new ConcurrentHashMap<>();
        final Map<String, Map<String, Long>> alerts = new ConcurrentHashMap<>();

        Seen(CatalogueRun run) {
            run.tap(this::accept);
        }

        private void accept(String role, ConsumerRecord<byte[], byte[]> r) {
            records.merge(role, 1L, Long::sum);
            if (role.equals("dlq")) {
                Header reason = r.headers().lastHeader(Headers.DLQ_REASON);
                String text = reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
                reasons.merge(label(text.substring(0, Math.max(0, text.indexOf(':')))), 1L, Long::sum);
            } else if (role.equals("alerts")) {
                Alert a = Alert.decode(r.value());
                alerts.computeIfAbsent(a.state, k -> new ConcurrentHashMap<>()).merge(label(a.kind), 1L, Long::sum);
            }
        }

        long count(String role) {
            return records.getOrDefault(role, 0L);
        }

        /** Records seen per output role (the verifier's topics but the inputs). */
        Map<String, Double> outputs(CatalogueRun run) {
            Map<String, Double> out = new TreeMap<>();
            for (TopicRole role : run.definition.topics()) {
                if (role.written()) out.put(role.role(), (double) count(role.role()));
            }
            return out;
        }
    }
}
