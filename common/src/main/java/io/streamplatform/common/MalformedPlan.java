package io.streamplatform.common;

/**
 * Decides, without randomness, which of a generated run's records are malformed, so that the producer and
 * anyone verifying the run agree on the counts up front: record {@code i} (0-based over all records) is
 * malformed when {@code floor((i+1)·f) > floor(i·f)}. Over {@code n} records exactly {@code floor(n·f)} are
 * malformed, spread evenly. Producers: use {@link #isMalformed(long)} per record; verifiers: use
 * {@link #malformedIn(long)} and {@link #validIn(long)}.
 */
public final class MalformedPlan {
    private final double fraction;

    public MalformedPlan(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("malformed fraction must be in [0, 1], got " + fraction);
        }
        this.fraction = fraction;
    }

    public boolean isMalformed(long index) {
        return (long) Math.floor((index + 1) * fraction) > (long) Math.floor(index * fraction);
    }

    public long malformedIn(long records) {
        return (long) Math.floor(records * fraction);
    }

    public long validIn(long records) {
        return records - malformedIn(records);
    }
}
