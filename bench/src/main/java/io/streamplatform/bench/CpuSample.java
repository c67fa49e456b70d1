package io.streamplatform.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by this JVM (the copy or the Flink MiniCluster runs in it), by the broker process, and by
 * the whole machine ({@code /proc/stat}); the difference of two samples says where a run's CPU went and whether
 * the machine was saturated.
 */
record CpuSample(long jvmNanos, long brokerNanos, long machineBusyTicks, long machineTotalTicks) {
    /** CPU of one run: microseconds per event in this JVM and in the broker; share of the machine's CPUs busy. */
    record Use(double jvmMicrosPerEvent, double brokerMicrosPerEvent, double machineBusy) {}

    static CpuSample take(long brokerPid) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long broker = ProcessHandle.of(brokerPid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
        long busy = -1, total = -1;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]); // user .. steal
            busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]); // minus idle and iowait
        } catch (IOException | RuntimeException e) {
            // not Linux: machine figures stay unknown (-1)
        }
        return new CpuSample(jvm, broker, busy, total);
    }

    Use since(CpuSample before, long events) {
        double jvm = (jvmNanos - before.jvmNanos) / 1e3 / events;
        double broker = brokerNanos < 0 || before.brokerNanos < 0 ? -1 : (brokerNanos - before.brokerNanos) / 1e3 / events;
        long totalTicks = machineTotalTicks - before.machineTotalTicks;
        double busy = machineBusyTicks < 0 || totalTicks <= 0 ? -1 : (double) (machineBusyTicks - before.machineBusyTicks) / totalTicks;
        return new Use(Benchmark.round(jvm), Benchmark.round(broker), Benchmark.round(busy));
    }
}
