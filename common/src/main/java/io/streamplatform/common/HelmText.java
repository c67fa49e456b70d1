package io.streamplatform.common;

import java.math.BigDecimal;

/**
 * A value as a Helm template prints it ({@code {{ .Values.x }}}, Go's {@code %v}). Numbers differ by where they come
 * from: Helm reads every number of a values file as a float64 and a {@code --set} integer as an int64. A float64 prints
 * in Go's shortest form, with an exponent from 1e+06 up and below 1e-04 ({@code 2.5e+06}, {@code 1e-05}); an int64
 * prints its digits.
 */
public final class HelmText {
    private HelmText() {
    }

    /** A value read from a values file (numbers as float64). */
    public static String fromFile(Object value) {
        return value instanceof Number n ? goFloat(n.doubleValue()) : String.valueOf(value);
    }

    /** A value given by {@code --set} (whole numbers as int64). */
    public static String fromSet(Object value) {
        if (value instanceof Long || value instanceof Integer) return value.toString();
        return fromFile(value);
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which {@code %v} prints for a float64. */
    static String goFloat(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == 0) return 1 / v < 0 ? "-0" : "0";
        // The shortest decimal digits that read back as v (Double.toString's), as digits × 10^(dp - nd).
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - exact.scale();
        int exp = dp - 1;
        StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (nd > 1) out.append('.').append(digits, 1, nd);
            out.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) out.append('0');
            return out.append(e).toString();
        }
        if (dp <= 0) return out.append("0.").append("0".repeat(-dp)).append(digits).toString();
        if (dp >= nd) return out.append(digits).append("0".repeat(dp - nd)).toString();
        return out.append(digits, 0, dp).append('.').append(digits, dp, nd).toString();
    }
}
