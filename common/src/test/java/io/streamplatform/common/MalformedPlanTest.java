package io.streamplatform.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedPlanTest {
    @ParameterizedTest
    @CsvSource({"1000,0.01", "1000,0", "999,0.3333", "10,1", "12345,0.05"})
    void countsMatchTheRecordsItMarks(long n, double f) {
        MalformedPlan plan = new MalformedPlan(f);
        long marked = 0;
        for (long i = 0; i < n; i++) if (plan.isMalformed(i)) marked++;
        assertThat(marked).isEqualTo(plan.malformedIn(n)).isEqualTo((long) Math.floor(n * f));
        assertThat(plan.validIn(n)).isEqualTo(n - marked);
    }

    @org.junit.jupiter.api.Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> new MalformedPlan(1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new MalformedPlan(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
