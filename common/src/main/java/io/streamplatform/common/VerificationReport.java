package io.streamplatform.common;

/**
 * The outcome of {@link RunVerifier}. {@link #passed()} is the verdict; {@link #problems()} says why not.
 *
 * @param out distinct valid events seen in the normalised output
 * @param missing valid events never seen (gaps)
 * @param duplicates valid events seen more than once
 * @param unexpected events of this run whose seq lies outside 0..expectedValid-1
 * @param dlq dead-letter records of this run
 * @param windowSum sum of the emitted window counts that were checked
 */
public record VerificationReport(
        String run,
        long expectedValid,
        long expectedMalformed,
        long out,
        long missing,
        long duplicates,
        long unexpected,
        long dlq,
        boolean windowsVerified,
        long windowRecords,
        long windowsChecked,
        long windowsMissing,
        long windowMismatches,
        long windowDuplicates,
        long windowSum,
        long p50Ms,
        long p99Ms,
        long p999Ms,
        long maxMs) {

    public boolean passed() {
        return problems().isEmpty();
    }

    /** Human-readable list of what failed, empty when the run passed. */
    public String problems() {
        StringBuilder sb = new StringBuilder();
        if (missing != 0) sb.append(missing).append(" missing; ");
        if (duplicates != 0) sb.append(duplicates).append(" duplicated; ");
        if (unexpected != 0) sb.append(unexpected).append(" unexpected seq; ");
        if (dlq != expectedMalformed) {
            sb.append("dead letters ").append(dlq).append(" != expected ").append(expectedMalformed).append("; ");
        }
        if (windowsVerified) {
            if (windowsMissing != 0) sb.append(windowsMissing).append(" windows not emitted; ");
            if (windowMismatches != 0) sb.append(windowMismatches).append(" window counts wrong; ");
            if (windowDuplicates != 0) sb.append(windowDuplicates).append(" windows emitted twice; ");
            if (windowSum != out) sb.append("window counts sum to ").append(windowSum).append(" not ").append(out).append("; ");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    /** The machine-readable fields, {@code key=value} separated by spaces. */
    public String keyValues() {
        return "out=" + out + " dlq=" + dlq + " missing=" + missing + " duplicates=" + duplicates
                + " windows=" + windowsChecked + " window_errors=" + (windowsMissing + windowMismatches + windowDuplicates)
                + " p50_ms=" + p50Ms + " p99_ms=" + p99Ms + " p999_ms=" + p999Ms
                + " verdict=" + (passed() ? "PASS" : "FAIL");
    }
}
