package io.streamplatform.local;

/** What a local run measured; {@link #resultLine()} is the one machine-readable line. */
record RunReport(
        String run,
        long in,
        long out,
        long dlq,
        long missing,
        long duplicates,
        long windows,
        long windowErrors,
        long recordsPerSecond,
        long p50Ms,
        long p99Ms,
        long p999Ms,
        long checkpoints,
        double seconds,
        boolean passed,
        String problems) {

    String resultLine() {
        return "RESULT run=" + run + " in=" + in + " out=" + out + " dlq=" + dlq + " missing=" + missing
                + " duplicates=" + duplicates + " windows=" + windows + " window_errors=" + windowErrors
                + " records_per_s=" + recordsPerSecond + " p50_ms=" + p50Ms + " p99_ms=" + p99Ms
                + " p999_ms=" + p999Ms + " checkpoints=" + checkpoints + " verdict=" + (passed ? "PASS" : "FAIL");
    }

    String humanSummary(long expectedValid, long expectedMalformed) {
        return String.join("\n",
                "",
                "Local pipeline run " + run + ": " + (passed ? "PASS" : "FAIL" + (problems == null ? "" : " (" + problems + ")")),
                String.format("  produced      %,d records (%,d valid, %,d malformed)", in, expectedValid, expectedMalformed),
                String.format("  normalized    %,d distinct of %,d expected: %,d missing, %,d duplicated", out, expectedValid, missing, duplicates),
                String.format("  dead letters  %,d (expected %,d)", dlq, expectedMalformed),
                String.format("  window counts %,d windows checked, %,d wrong or missing", windows, windowErrors),
                String.format("  latency       p50 %,d ms, p99 %,d ms, p99.9 %,d ms (event time → read_committed consumer)", p50Ms, p99Ms, p999Ms),
                String.format("  throughput    %,d records/s end to end; %,d checkpoints; %.1f s in all", recordsPerSecond, checkpoints, seconds),
                "");
    }
}
