package io.streamplatform.job.grid;

import io.streamplatform.common.grid.Fixed;
import io.streamplatform.common.grid.Reading;
import io.streamplatform.common.grid.SubstationWindow;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * A window's readings summed as they come: count, and per quantity the minimum, exact sum and maximum (thousandths).
 * A Flink POJO.
 */
public final class WindowSums {
    public long count;
    public long voltageMin, voltageSum, voltageMax;
    public long currentMin, currentSum, currentMax;
    public long frequencyMin, frequencySum, frequencyMax;
    public long temperatureMin, temperatureSum, temperatureMax;

    public WindowSums() {}

    void add(Reading r) {
        boolean first = count == 0;
        voltageMin = first ? r.voltage : Math.min(voltageMin, r.voltage);
        voltageMax = first ? r.voltage : Math.max(voltageMax, r.voltage);
        currentMin = first ? r.current : Math.min(currentMin, r.current);
        currentMax = first ? r.current : Math.max(currentMax, r.current);
        frequencyMin = first ? r.frequency : Math.min(frequencyMin, r.frequency);
        frequencyMax = first ? r.frequency : Math.max(frequencyMax, r.frequency);
        temperatureMin = first ? r.temperature : Math.min(temperatureMin, r.temperature);
        temperatureMax = first ? r.temperature : Math.max(temperatureMax, r.temperature);
        voltageSum += r.voltage;
        currentSum += r.current;
        frequencySum += r.frequency;
        temperatureSum += r.temperature;
        count++;
    }

    WindowSums merge(WindowSums o) {
        if (o.count == 0) return this;
        if (count == 0) return o;
        voltageMin = Math.min(voltageMin, o.voltageMin);
        voltageMax = Math.max(voltageMax, o.voltageMax);
        currentMin = Math.min(currentMin, o.currentMin);
        currentMax = Math.max(currentMax, o.currentMax);
        frequencyMin = Math.min(frequencyMin, o.frequencyMin);
        frequencyMax = Math.max(frequencyMax, o.frequencyMax);
        temperatureMin = Math.min(temperatureMin, o.temperatureMin);
        temperatureMax = Math.max(temperatureMax, o.temperatureMax);
        voltageSum += o.voltageSum;
        currentSum += o.currentSum;
        frequencySum += o.frequencySum;
        temperatureSum += o.temperatureSum;
        count += o.count;
        return this;
    }

    /** The aggregate record of substation {@code substation}'s window [start, end). */
    SubstationWindow toWindow(String substation, long start, long end) {
        SubstationWindow w = new SubstationWindow();
        w.substation = substation;
        w.windowStart = start;
        w.windowEnd = end;
        w.readings = count;
        w.voltage = new SubstationWindow.Stat(voltageMin, Fixed.mean(voltageSum, count), voltageMax);
        w.current = new SubstationWindow.Stat(currentMin, Fixed.mean(currentSum, count), currentMax);
        w.frequency = new SubstationWindow.Stat(frequencyMin, Fixed.mean(frequencySum, count), frequencyMax);
        w.temperature = new SubstationWindow.Stat(temperatureMin, Fixed.mean(temperatureSum, count), temperatureMax);
        return w;
    }

    /** The window's incremental aggregation. */
    static final class Sum implements AggregateFunction<Reading, WindowSums, WindowSums> {
        @Override
        public WindowSums createAccumulator() {
            return new WindowSums();
        }

        @Override
        public WindowSums add(Reading r, WindowSums acc) {
            acc.add(r);
            return acc;
        }

        @Override
        public WindowSums getResult(WindowSums acc) {
            return acc;
        }

        @Override
        public WindowSums merge(WindowSums a, WindowSums b) {
            return a.merge(b);
        }
    }
}
