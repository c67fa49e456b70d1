package io.streamplatform.common.clickstream;

import java.math.BigDecimal;

/** Amounts in cents, written with two decimals. */
public final class Money {
    private Money() {}

    public static String format(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** The amount in cents; null when it has more than two decimals or does not fit. */
    public static Long cents(BigDecimal amount) {
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
