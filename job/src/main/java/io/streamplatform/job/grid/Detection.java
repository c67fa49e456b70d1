package io.streamplatform.job.grid;

import java.util.Objects;

/**
 * One anomaly seen on one sensor, before episodes are made of them: a rule broken by one reading ({@code start == end})
 * or a pattern over several ({@code start} its first reading, {@code end} its last). A Flink POJO.
 */
public final class Detection {
    public String kind;
    public String sensor;
    public String substation;
    public long start;
    public long end;
    /** For people: the figures behind it. */
    public String detail;

    public Detection() {}

    public Detection(String kind, String sensor, String substation, long start, long end, String detail) {
        this.kind = kind;
        this.sensor = sensor;
        this.substation = substation;
        this.start = start;
        this.end = end;
        this.detail = detail;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection d && start == d.start && end == d.end && Objects.equals(kind, d.kind)
                && Objects.equals(sensor, d.sensor) && Objects.equals(substation, d.substation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sensor, substation, start, end);
    }

    @Override
    public String toString() {
        return kind + " " + sensor + " " + start + ".." + end;
    }
}
