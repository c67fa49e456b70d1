package io.streamplatform.common.grid;

import java.util.Objects;

/**
 * One sensor reading. Quantities are exact fixed-point numbers in thousandths ({@code voltage = 231200} is 231.2 V),
 * so sums, minima and maxima are exact and two computations of an aggregate agree to the last digit. A Flink POJO.
 */
public final class Reading {
    public String sensor;
    public String substation;
    /** Volts × 1000. */
    public long voltage;
    /** Amperes × 1000. */
    public long current;
    /** Hertz × 1000. */
    public long frequency;
    /** Degrees Celsius × 1000. */
    public long temperature;
    /** Event time, epoch milliseconds. */
    public long ts;

    public Reading() {}

    public Reading(String sensor, String substation, long voltage, long current, long frequency, long temperature, long ts) {
        this.sensor = sensor;
        this.substation = substation;
        this.voltage = voltage;
        this.current = current;
        this.frequency = frequency;
        this.temperature = temperature;
        this.ts = ts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reading r && voltage == r.voltage && current == r.current && frequency == r.frequency
                && temperature == r.temperature && ts == r.ts && Objects.equals(sensor, r.sensor) && Objects.equals(substation, r.substation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sensor, substation, voltage, current, frequency, temperature, ts);
    }

    @Override
    public String toString() {
        return sensor + "@" + substation + " " + Fixed.format(voltage) + "V " + Fixed.format(current) + "A " + Fixed.format(frequency) + "Hz "
                + Fixed.format(temperature) + "C " + ts;
    }
}
