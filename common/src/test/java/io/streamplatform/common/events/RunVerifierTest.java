package io.streamplatform.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunVerifierTest {
    private static final long W = 10_000;

    @Test
    void passesWhenEveryEventArrivesOnceAndWindowsAddUp() {
        RunVerifier v = new RunVerifier("r", 4, 1, W);
        v.onNormalized(new Event("r", 0, "a", 1_000, "x"), 1_010);
        v.onNormalized(new Event("r", 1, "a", 2_000, "x"), 2_050);
        v.onNormalized(new Event("r", 2, "b", 12_000, "x"), 12_005);
        v.onNormalized(new Event("other", 2, "b", 12_000, "x"), 12_005); // another run: ignored
        assertThat(v.complete()).isFalse();
        v.onNormalized(new Event("r", 3, "a", 15_000, "x"), 15_001);
        v.onDeadLetter();
        v.onWindow(new WindowCount("a", 0, W, 2));
        v.onWindow(new WindowCount("b", W, 2 * W, 1));
        assertThat(v.complete()).isFalse();
        v.onWindow(new WindowCount("a", W, 2 * W, 1));
        assertThat(v.complete()).isTrue();
        VerificationReport r = v.report();
        assertThat(r.problems()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.windowSum()).isEqualTo(4);
        assertThat(r.p99Ms()).isBetween(49L, 51L);
        assertThat(r.figures()).containsEntry("missing", "0").containsEntry("duplicates", "0");
        assertThat(r.passed()).isTrue();
    }

    @Test
    void reportsGapsDuplicatesAndWrongWindows() {
        RunVerifier v = new RunVerifier("r", 3, 2, W);
        v.onNormalized(new Event("r", 0, "a", 1_000, "x"), 1_000);
        v.onNormalized(new Event("r", 0, "a", 1_000, "x"), 1_000);
        v.onNormalized(new Event("r", 7, "a", 1_000, "x"), 1_000);
        v.onDeadLetter();
        v.onWindow(new WindowCount("a", 0, W, 5));
        v.onWindow(new WindowCount("a", 0, W, 5));
        VerificationReport r = v.report();
        assertThat(r.passed()).isFalse();
        assertThat(r.missing()).isEqualTo(2);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.unexpected()).isEqualTo(1);
        assertThat(r.windowMismatches()).isEqualTo(1);
        assertThat(r.windowDuplicates()).isEqualTo(1);
        assertThat(r.problems()).contains("2 missing", "1 duplicated", "dead letters 1 != expected 2",
                "window counts wrong", "emitted twice");
    }
}
