package io.sunsync.flight.fdir;

/**
 * Limits of one monitored quantity, in its unit: warning (yellow) and action (red) bands below
 * and above the nominal range. Use ±infinity for a side that is not monitored.
 *
 * @param redLow      below this: action
 * @param yellowLow   below this: warning
 * @param yellowHigh  above this: warning
 * @param redHigh     above this: action
 */
public record Limits(double redLow, double yellowLow, double yellowHigh, double redHigh) {
    public Limits {
        if (!(redLow <= yellowLow && yellowLow < yellowHigh && yellowHigh <= redHigh)) {
            throw new IllegalArgumentException("limits must satisfy redLow <= yellowLow < yellowHigh <= redHigh, were "
                    + redLow + ", " + yellowLow + ", " + yellowHigh + ", " + redHigh);
        }
    }

    /** Upper limits only. */
    public static Limits above(double yellowHigh, double redHigh) {
        return new Limits(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, yellowHigh, redHigh);
    }

    /** Lower limits only. */
    public static Limits below(double redLow, double yellowLow) {
        return new Limits(redLow, yellowLow, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The band {@code value} falls in (NaN is {@link LimitState#INVALID}). */
    public LimitState classify(double value) {
        if (Double.isNaN(value)) {
            return LimitState.INVALID;
        }
        if (value < redLow) {
            return LimitState.RED_LOW;
        }
        if (value > redHigh) {
            return LimitState.RED_HIGH;
        }
        if (value < yellowLow) {
            return LimitState.YELLOW_LOW;
        }
        if (value > yellowHigh) {
            return LimitState.YELLOW_HIGH;
        }
        return LimitState.NOMINAL;
    }
}
