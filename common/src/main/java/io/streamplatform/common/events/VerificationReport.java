package io.streamplatform.common.events;

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

    /** Window counts missing, wrong or emitted twice. */
    public long windowErrors() {
        return windowsMissing + windowMismatches + windowDuplicates;
    }

    /** The machine-readable figures, in the order of the VERIFY and RESULT lines. */
    public java.util.Map<String, String> figures() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("out", Long.toString(out));
        f.put("dlq", Long.toString(dlq));
        f.put("missing", Long.toString(missing));
        f.put("duplicates", Long.toString(duplicates));
        f.put("windows", Long.toString(windowsChecked));
        f.put("window_errors", Long.toString(windowErrors()));
        f.put("p50_ms", Long.toString(p50Ms));
        f.put("p99_ms", Long.toString(p99Ms));
        f.put("p999_ms", Long.toString(p999Ms));
        return f;
    }
}
