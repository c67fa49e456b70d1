package io.streamplatform.job.grid;

import io.streamplatform.common.grid.Fixed;
import io.streamplatform.common.grid.GridDefinition;
import io.streamplatform.common.grid.GridOptions.Thresholds;
import io.streamplatform.common.grid.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/** The patterns over one sensor's readings (Flink CEP, in event time), and how a match becomes a {@link Detection}. */
final class Patterns {
    static final String OVER_VOLTAGE = "over-voltage";
    static final String HOT = "hot";
    static final String OVER_CURRENT = "over-current";

    private Patterns() {}

    /** {@code readings} over-voltage readings within {@code window}; the next surge starts after this one's last reading. */
    static Pattern<Reading, Reading> voltageSurge(Thresholds t, int readings, Duration window) {
        return Pattern.<Reading>begin(OVER_VOLTAGE, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(t::overVoltage))
                .times(readings)
                .within(window);
    }

    /** A reading at or above the warning temperature, then one over the maximum current within {@code window}. */
    static Pattern<Reading, Reading> overload(Thresholds t, Duration window) {
        return Pattern.<Reading>begin(HOT, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(t::hot))
                .followedBy(OVER_CURRENT)
                .where(SimpleCondition.of(t::overCurrent))
                .within(window);
    }

    /**
     * The readings that can take part in a pattern: over-voltage, hot or over-current. Both patterns have relaxed
     * contiguity (other readings between their steps are skipped), so leaving the rest out before CEP changes no
     * match — and spares CEP buffering and sorting every reading of every sensor until the watermark passes it, which
     * cost most of the job's time.
     */
    static final class Candidates implements FilterFunction<Reading> {
        private final Thresholds t;

        Candidates(Thresholds t) {
            this.t = t;
        }

        @Override
        public boolean filter(Reading r) {
            return t.overVoltage(r) || t.hot(r) || t.overCurrent(r);
        }
    }

    /** A surge match → a {@code voltage-surge} detection from its first to its last reading. */
    static final class SurgeDetection extends PatternProcessFunction<Reading, Detection> {
        @Override
        public void processMatch(Map<String, List<Reading>> match, Context ctx, Collector<Detection> out) {
            List<Reading> rs = match.get(OVER_VOLTAGE);
            Reading first = rs.get(0);
            long peak = rs.stream().mapToLong(r -> r.voltage).max().orElseThrow();
            out.collect(new Detection(GridDefinition.VOLTAGE_SURGE, first.sensor, first.substation, first.ts, rs.get(rs.size() - 1).ts,
                    rs.size() + " over-voltage readings, peak " + Fixed.format(peak) + " V"));
        }
    }

    /** An overload match → an {@code overload} detection from the hot reading to the over-current one. */
    static final class OverloadDetection extends PatternProcessFunction<Reading, Detection> {
        @Override
        public void processMatch(Map<String, List<Reading>> match, Context ctx, Collector<Detection> out) {
            Reading hot = match.get(HOT).get(0);
            Reading amps = match.get(OVER_CURRENT).get(0);
            out.collect(new Detection(GridDefinition.OVERLOAD, hot.sensor, hot.substation, hot.ts, amps.ts,
                    Fixed.format(hot.temperature) + " °C then " + Fixed.format(amps.current) + " A"));
        }
    }
}
