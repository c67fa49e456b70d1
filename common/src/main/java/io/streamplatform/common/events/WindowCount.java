package io.streamplatform.common.events;

import java.util.Objects;

/**
 * The analytics output: how many events one key had in one event-time window [start, end).
 * Wire format: {@code {"key":"user-7","start":1700000000000,"end":1700000010000,"count":42}}.
 */
public final class WindowCount {
    public String key;
    public long start;
    public long end;
    public long count;

    public WindowCount() {}

    public WindowCount(String key, long start, long end, long count) {
        this.key = key;
        this.start = start;
        this.end = end;
        this.count = count;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof WindowCount w)) return false;
        return start == w.start && end == w.end && count == w.count && Objects.equals(key, w.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, start, end, count);
    }

    @Override
    public String toString() {
        return "WindowCount{key=" + key + ", start=" + start + ", end=" + end + ", count=" + count + "}";
    }
}
