package io.stella.harness.config;

import java.math.BigDecimal;

/** Prints numbers the way a user wrote them: 99 not 99.0, 99.9 not 99.90000001. */
public final class Numbers {

    private Numbers() {
    }

    public static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Rounds to three decimals, enough for microsecond-resolution millis. */
    public static double millis3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
