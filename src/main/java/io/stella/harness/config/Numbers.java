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

    /** Rounds to three decimals (a thousandth): a figure as summary.json and the console keep it, whatever its unit. */
    public static double toThousandth(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    /** A setting that must be a number above 0, or a ConfigException naming it and the value. */
    public static double parsePositive(String setting, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw new ConfigException(setting + ": must be a number > 0 (was " + text + ")");
    }
}
