package io.streamplatform.bench;

import io.streamplatform.local.JavaProcess;
import io.streamplatform.local.PlatformHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Peak memory of local mode: runs {@code ./pipeline}'s main (LocalPipeline, same JVM options) as a child and
 * samples {@code /proc/<pid>/status} of it and of every process it starts (broker, producer, consumer) every
 * 100 ms. Per process it keeps VmHWM (the kernel's own peak-RSS mark); it also keeps the largest sum of
 * VmRSS seen at one instant (the machine's real peak, ≤ the sum of the per-process peaks).
 */
final class RssProbe {
    record Result(Map<String, Long> peakRssMb, long sumOfPeaksMb, long peakConcurrentMb, String resultLine) {}

    private RssProbe() {}

    static Result measure(PlatformHome home, Path dir, String job, long events) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path root = home.root();
        AtomicReference<String> result = new AtomicReference<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Long> peaks = new LinkedHashMap<>();
        long peakConcurrent = 0;
        try (JavaProcess local = JavaProcess.start("local-mode", List.of(
                "-Xmx1g", "-XX:+UseG1GC", "-Dplatform.home=" + root, "-Dlog4j2.statusLoggerLevel=ERROR",
                "-Dpipeline.log.file=" + dir.resolve("pipeline-local.log"),
                "-cp", root.resolve("local/target/local.jar") + ":" + root.resolve("local/target/lib") + "/*",
                "io.streamplatform.local.LocalPipeline", "--job", job, "--events", Long.toString(events), "--quiet",
                "--work-dir", dir.resolve("work").toString()), dir.resolve("local-mode.out"), line -> {
                    if (line.startsWith("RESULT")) result.set(line);
                })) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            ProcessHandle self = ProcessHandle.of(local.pid()).orElseThrow(() -> new BenchException("local mode exited at once"));
            while (local.isAlive()) {
                if (System.nanoTime() > deadline) throw new BenchException("local mode did not finish within 10 min");
                long concurrent = 0;
                for (ProcessHandle p : (Iterable<ProcessHandle>) () -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(self), self.descendants()).iterator()) {
                    Map<String, Long> status = status(p.pid());
                    if (status.isEmpty()) continue;
                    // Just after the fork a child's command line can still be its parent's (or unreadable): name it again
                    // until it is recognised.
                    if (!names.containsKey(p.pid()) || "other".equals(names.get(p.pid()))) names.put(p.pid(), name(p));
                    peaks.merge(p.pid(), status.getOrDefault("VmHWM", 0L), Math::max);
                    concurrent += status.getOrDefault("VmRSS", 0L);
                }
                peakConcurrent = Math.max(peakConcurrent, concurrent);
                Integer exit = local.waitFor(Duration.ofMillis(100)); // the sampling period
                if (exit != null && exit != 0) {
                    throw new BenchException("local mode failed (exit " + exit + "), see " + dir.resolve("local-mode.out"));
                }
            }
        }
        Map<String, Long> byName = new LinkedHashMap<>();
        for (var e : peaks.entrySet()) byName.merge(names.get(e.getKey()), e.getValue() / 1024, Long::sum);
        byName.remove("kafka-format"); // the one-shot storage formatter, before everything else
        long sum = byName.values().stream().mapToLong(Long::longValue).sum();
        return new Result(byName, sum, peakConcurrent / 1024, result.get());
    }

    private static String name(ProcessHandle p) {
        String cmd = p.info().arguments().map(a -> String.join(" ", a)).orElse("");
        if (cmd.contains("kafka.tools.StorageTool")) return "kafka-format";
        if (cmd.contains("kafka.Kafka")) return "broker";
        if (cmd.contains("producer.jar")) return "producer";
        if (cmd.contains("consumer.jar")) return "consumer";
        if (cmd.contains("LocalPipeline")) return "local-mode (job + Flink)";
        return "other";
    }

    /** VmHWM and VmRSS in KiB; empty if the process is gone. */
    private static Map<String, Long> status(long pid) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                    m.put(line.substring(0, 5), Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return Map.of();
        }
        return m;
    }
}
