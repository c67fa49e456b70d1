package io.streamplatform.bench;

import io.streamplatform.common.Durations;
import java.util.Locale;

/** The report as Markdown tables (readable as plain text on the console too). */
final class Tables {
    private Tables() {}

    /** Median [min–max] in KiB; "—" where there is no Flink job. */
    private static String kib(Stat s) {
        return s == null ? "—" : String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f] KiB", s.median() / 1024, s.min() / 1024, s.max() / 1024);
    }

    static String render(Benchmark.Report r, BenchOptions o) {
        StringBuilder sb = new StringBuilder();
        if (!r.throughput().isEmpty()) {
            boolean steady = r.throughput().stream().anyMatch(f -> f.steadySeconds() != null);
            sb.append(String.format(Locale.ROOT, "Throughput, %d partitions, median [min–max] of %d runs; %s; "
                    + "ratio = job ÷ its baseline in the same round%n%n", o.partitions, o.runs, steady
                    ? String.format(Locale.ROOT, "each run of the events job sized to run at least %s after a %s ramp, its figure the "
                            + "rate over that steady window (other rows: %,d events per run, the whole run)", Durations.format(o.steadyWindow),
                            Durations.format(o.ramp), o.events)
                    : String.format(Locale.ROOT, "%,d events per run, the whole run", o.events)));
            sb.append("| p | scenario | events/s | ratio | vs | CPU µs/event, benchmark JVM | CPU µs/event, broker | machine busy | peak checkpointed state | steady window |\n"
                    + "|---|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
            for (Benchmark.ThroughputFigure f : r.throughput()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", f.parallelism(), f.scenario(),
                        rate(f.eventsPerSecond()), f.ratio() == null ? "—" : ratio(f.ratio()),
                        f.baseline() == null ? "(baseline)" : f.ratio() == null ? f.baseline() + " (not run)" : f.baseline(),
                        micros(f.jvmCpuMicrosPerEvent()), micros(f.brokerCpuMicrosPerEvent()), percent(f.machineBusy()), kib(f.peakStateBytes()),
                        f.steadySeconds() == null ? "—" : String.format(Locale.ROOT, "%.1f–%.1f s", f.steadySeconds().min(), f.steadySeconds().max())));
            }
            sb.append('\n');
        }
        if (!r.peers().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Flink vs Kafka Streams: the events job on Flink ÷ the same job on Kafka Streams (stream threads "
                    + "= parallelism, exactly_once_v2 or at-least-once, commit interval = checkpoint interval), same input, same round; "
                    + "median [min–max] of %d runs%n%n", o.runs));
            sb.append("| p | Flink ÷ Kafka Streams | Flink, events/s | Kafka Streams, events/s | Flink ÷ Kafka Streams | "
                    + "CPU µs/event, JVM Flink / Kafka Streams | CPU µs/event, broker Flink / Kafka Streams |\n"
                    + "|---|---|---:|---:|---:|---:|---:|\n");
            for (Benchmark.PeerRatio m : r.peers()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s ÷ %s | %s | %s | %s | %s / %s | %s / %s |%n", m.parallelism(), m.flink(),
                        m.kstreams(), rate(m.flinkEventsPerSecond()), rate(m.kstreamsEventsPerSecond()), times(m.ratio()),
                        micros(m.flinkJvmCpuMicrosPerEvent()), micros(m.kstreamsJvmCpuMicrosPerEvent()),
                        micros(m.flinkBrokerCpuMicrosPerEvent()), micros(m.kstreamsBrokerCpuMicrosPerEvent())));
            }
            sb.append('\n');
        }
        if (!r.metricsOverhead().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "Metrics reporter overhead: the whole job exactly-once with Flink's Prometheus reporter on "
                    + "and its endpoint scraped every %s (from the job's start) ÷ the same job without, same input, same round; "
                    + "median [min–max] of %d runs%n%n", Durations.format(o.metricsScrapeInterval), o.runs));
            sb.append("| p | with metrics, events/s | without, events/s | ratio | CPU µs/event, with / without | scrapes per run | samples per scrape (the job's) |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (Benchmark.MetricsOverhead m : r.metricsOverhead()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s / %s | %s | %s (%s) |%n", m.parallelism(), rate(m.eventsPerSecond()),
                        rate(m.baselineEventsPerSecond()), m.ratio() == null ? "—" : ratio(m.ratio()), micros(m.jvmCpuMicrosPerEvent()),
                        micros(m.baselineJvmCpuMicrosPerEvent()), count(m.scrapesPerRun()), count(m.samplesPerScrape()), count(m.jobSamplesPerScrape())));
            }
            sb.append('\n');
        }
        if (!r.securityOverhead().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "The cost of TLS + SCRAM: each scenario against the secured broker (SASL_SSL, SCRAM-SHA-512, "
                    + "ACLs; each client its own user) ÷ the same against the plaintext broker, same input, same round; median [min–max] "
                    + "of %d runs%n%n", o.runs));
            sb.append("| p | scenario | secure, events/s | plain, events/s | secure ÷ plain | CPU µs/event, JVM secure / plain "
                    + "| CPU µs/event, broker secure / plain |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (Benchmark.SecurityOverhead m : r.securityOverhead()) {
                sb.append(String.format(Locale.ROOT, "| %d | %s vs %s | %s | %s | %s | %s / %s | %s / %s |%n", m.parallelism(), m.scenario(),
                        m.baseline(), rate(m.eventsPerSecond()), rate(m.baselineEventsPerSecond()), ratio(m.ratio()),
                        micros(m.jvmCpuMicrosPerEvent()), micros(m.baselineJvmCpuMicrosPerEvent()),
                        micros(m.brokerCpuMicrosPerEvent()), micros(m.baselineBrokerCpuMicrosPerEvent())));
            }
            sb.append('\n');
        }
        if (!r.latency().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "End-to-end latency at %,d events/s for %d s (first %d s left out), p=%d, "
                    + "read_committed consumer, ms, median [min–max] of %d runs%n%n",
                    o.latencyRate, o.latencySeconds, o.latencyWarmupSeconds, o.latencyParallelism, o.runs));
            sb.append("| scenario | p50 | p99 | p99.9 | max |\n|---|---:|---:|---:|---:|\n");
            for (Benchmark.LatencyFigure f : r.latency()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.scenario(), ms(f.p50Ms()), ms(f.p99Ms()),
                        ms(f.p999Ms()), ms(f.maxMs())));
            }
            for (Benchmark.LatencyPeerRatio l : r.latencyPeers()) {
                sb.append(String.format(Locale.ROOT, "| %s ÷ %s | %s | %s | %s | |%n", l.flink(), l.kstreams(),
                        times(l.p50Ratio()), times(l.p99Ratio()), times(l.p999Ratio())));
            }
            for (Benchmark.LatencyOverhead l : r.latencyOverhead()) {
                sb.append(String.format(Locale.ROOT, "| %s ÷ %s | %s | %s | %s | |%n", l.scenario(), l.baseline(),
                        times(l.p50Ratio()), times(l.p99Ratio()), times(l.p999Ratio())));
            }
            sb.append('\n');
        }
        if (r.rss() != null) {
            sb.append(String.format(Locale.ROOT, "Peak RSS of local mode (./pipeline --events %d), MB%n%n", o.rssEvents));
            sb.append("| process | peak RSS |\n|---|---:|\n");
            r.rss().peakRssMb().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            sb.append("| sum of the peaks | ").append(r.rss().sumOfPeaksMb()).append(" |\n");
            sb.append("| peak at one instant (all processes) | ").append(r.rss().peakConcurrentMb()).append(" |\n\n");
        }
        if (!r.targets().isEmpty()) {
            sb.append("| target | goal | measured (median) | met |\n|---|---|---:|---|\n");
            for (Benchmark.Target t : r.targets()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", t.name(), t.goal(),
                        t.goal().endsWith("ms") ? String.format(Locale.ROOT, "%.0f ms", t.value()) : String.format(Locale.ROOT, "%.2f×", t.value()),
                        t.met() ? "yes" : "**no**"));
            }
        }
        return sb.toString();
    }

    private static String rate(Stat s) {
        return String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", s.median(), s.min(), s.max());
    }

    private static String ratio(Stat s) {
        return String.format(Locale.ROOT, "%.2f [%.2f–%.2f]", s.median(), s.min(), s.max());
    }

    private static String times(Stat s) {
        return s == null ? "—" : ratio(s) + "×";
    }

    private static String count(Stat s) {
        return s == null ? "—" : s.min() == s.max() ? String.format(Locale.ROOT, "%,.0f", s.median())
                : String.format(Locale.ROOT, "%,.0f [%,.0f–%,.0f]", s.median(), s.min(), s.max());
    }

    private static String micros(Stat s) {
        return s == null || s.min() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", s.median());
    }

    private static String percent(Stat s) {
        return s == null || s.min() < 0 ? "?" : String.format(Locale.ROOT, "%.0f %%", 100 * s.median());
    }

    private static String ms(Stat s) {
        return String.format(Locale.ROOT, "%.0f [%.0f–%.0f]", s.median(), s.min(), s.max());
    }
}
