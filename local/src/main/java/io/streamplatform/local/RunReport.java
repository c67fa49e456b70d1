package io.streamplatform.local;

import java.util.List;
import java.util.Map;

/**
 * What a local run measured: the verifier's figures (from the consumer's VERIFY line) and local mode's own;
 * {@link #resultLine()} is the one machine-readable line.
 */
record RunReport(
        String job,
        String run,
        long in,
        long expectedValid,
        long expectedMalformed,
        Map<String, String> figures,
        List<String> summary,
        long recordsPerSecond,
        long checkpoints,
        double seconds,
        boolean passed,
        String problems) {

    String resultLine() {
        StringBuilder sb = new StringBuilder("RESULT run=").append(run).append(" in=").append(in);
        figures.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.append(" records_per_s=").append(recordsPerSecond).append(" checkpoints=").append(checkpoints)
                .append(" verdict=").append(passed ? "PASS" : "FAIL").toString();
    }

    String humanSummary() {
        return humanSummary("Local pipeline run");
    }

    /** @param what what kind of run it was ("Chaos run") */
    String humanSummary(String what) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append(what).append(' ').append(run).append(" of job ").append(job).append(": ")
                .append(passed ? "PASS" : "FAIL" + (problems == null ? "" : " (" + problems + ")")).append('\n');
        sb.append(String.format("  produced      %,d records (%,d valid, %,d malformed)%n", in, expectedValid, expectedMalformed));
        summary.forEach(line -> sb.append(line).append('\n'));
        sb.append(String.format("  throughput    %,d records/s end to end; %,d checkpoints; %.1f s in all%n", recordsPerSecond, checkpoints, seconds));
        return sb.toString();
    }
}
