package io.streamplatform.job.grid;

import io.streamplatform.common.grid.Fixed;
import io.streamplatform.common.grid.GridDefinition;
import io.streamplatform.common.grid.GridOptions.Thresholds;
import io.streamplatform.common.grid.Reading;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The per-reading rules: one {@link Detection} for each limit a reading breaks (over/under-voltage, frequency, over-temperature). */
final class Rules implements FlatMapFunction<Reading, Detection> {
    private final Thresholds t;

    Rules(Thresholds thresholds) {
        this.t = thresholds;
    }

    @Override
    public void flatMap(Reading r, Collector<Detection> out) {
        if (t.overVoltage(r)) {
            out.collect(detection(GridDefinition.OVER_VOLTAGE, r, Fixed.format(r.voltage) + " V > " + Fixed.format(t.overVoltage()) + " V"));
        }
        if (t.underVoltage(r)) {
            out.collect(detection(GridDefinition.UNDER_VOLTAGE, r, Fixed.format(r.voltage) + " V < " + Fixed.format(t.underVoltage()) + " V"));
        }
        if (t.frequencyExcursion(r)) {
            out.collect(detection(GridDefinition.FREQUENCY, r, Fixed.format(r.frequency) + " Hz, more than " + Fixed.format(t.maxFrequencyDeviation())
                    + " Hz from " + Fixed.format(t.nominalFrequency()) + " Hz"));
        }
        if (t.overTemperature(r)) {
            out.collect(detection(GridDefinition.OVER_TEMPERATURE, r, Fixed.format(r.temperature) + " °C > " + Fixed.format(t.maxTemperature()) + " °C"));
        }
    }

    private static Detection detection(String kind, Reading r, String detail) {
        return new Detection(kind, r.sensor, r.substation, r.ts, r.ts, detail);
    }
}
