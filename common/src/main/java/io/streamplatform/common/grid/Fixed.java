package io.streamplatform.common.grid;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed-point quantities in thousandths: how the grid job holds, averages and prints volts, amperes, hertz and degrees. */
public final class Fixed {
    public static final int SCALE = 3;
    public static final long ONE = 1000;

    private Fixed() {}

    /** {@code value} in thousandths, rounded half up (away from zero); throws ArithmeticException beyond a long. */
    public static long of(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** {@code value} (e.g. an option) in thousandths, rounded half up. */
    public static long of(double value) {
        return of(BigDecimal.valueOf(value));
    }

    /** The decimal with three places: {@code 231200} → {@code "231.200"}, {@code -5} → {@code "-0.005"}. */
    public static String format(long thousandths) {
        return BigDecimal.valueOf(thousandths, SCALE).toPlainString();
    }

    /** A decimal written by {@link #format} (or with fewer places) back in thousandths; exact or it throws. */
    public static long parse(String decimal) {
        return new BigDecimal(decimal).setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** The mean of {@code count} values summing to {@code sum}, in the same unit, rounded half up: exact integer arithmetic. */
    public static long mean(long sum, long count) {
        if (count <= 0) throw new IllegalArgumentException("mean of " + count + " values");
        return Math.floorDiv(2 * sum + count, 2 * count);
    }
}
