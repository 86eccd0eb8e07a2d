package io.sunsync.ground.telemetry;

/**
 * Limits of a numeric point, in the point's unit; any of them may be null (no limit on that side).
 * A value below {@code alarmLow} or above {@code alarmHigh} is an {@link Level#ALARM}; below
 * {@code warnLow} or above {@code warnHigh} a {@link Level#WARNING}. NaN (no valid reading) is a
 * warning.
 *
 * @param alarmLow  alarm below this
 * @param warnLow   warning below this
 * @param warnHigh  warning above this
 * @param alarmHigh alarm above this
 */
public record Limits(Double alarmLow, Double warnLow, Double warnHigh, Double alarmHigh) {
    /** No limits. */
    public static final Limits NONE = new Limits(null, null, null, null);

    public Limits {
        if (alarmLow != null && warnLow != null && warnLow < alarmLow) {
            throw new IllegalArgumentException("warnLow " + warnLow + " lies below alarmLow " + alarmLow);
        }
        if (alarmHigh != null && warnHigh != null && warnHigh > alarmHigh) {
            throw new IllegalArgumentException("warnHigh " + warnHigh + " lies above alarmHigh " + alarmHigh);
        }
    }

    /** Where {@code value} stands. */
    public Level judge(double value) {
        if (Double.isNaN(value)) {
            return isNone() ? Level.NOMINAL : Level.WARNING;
        }
        if ((alarmLow != null && value < alarmLow) || (alarmHigh != null && value > alarmHigh)) {
            return Level.ALARM;
        }
        if ((warnLow != null && value < warnLow) || (warnHigh != null && value > warnHigh)) {
            return Level.WARNING;
        }
        return Level.NOMINAL;
    }

    /** True when no limit is set. */
    public boolean isNone() {
        return alarmLow == null && warnLow == null && warnHigh == null && alarmHigh == null;
    }

    /**
     * These limits with the non-null values of {@code other} laid over them. An inherited limit
     * that would contradict a new one (a warning below the new alarm) is dropped.
     */
    public Limits overlay(Limits other) {
        Double aLo = other.alarmLow != null ? other.alarmLow : alarmLow;
        Double aHi = other.alarmHigh != null ? other.alarmHigh : alarmHigh;
        Double wLo = other.warnLow != null ? other.warnLow : warnLow;
        Double wHi = other.warnHigh != null ? other.warnHigh : warnHigh;
        if (other.warnLow == null && wLo != null && aLo != null && wLo < aLo) {
            wLo = null;
        }
        if (other.warnHigh == null && wHi != null && aHi != null && wHi > aHi) {
            wHi = null;
        }
        if (other.alarmLow == null && aLo != null && wLo != null && wLo < aLo) {
            aLo = null;
        }
        if (other.alarmHigh == null && aHi != null && wHi != null && wHi > aHi) {
            aHi = null;
        }
        return new Limits(aLo, wLo, wHi, aHi);
    }

    /** A short description, e.g. {@code alarm <35, warn <40}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (alarmLow != null || alarmHigh != null) {
            sb.append("alarm ").append(range(alarmLow, alarmHigh));
        }
        if (warnLow != null || warnHigh != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("warn ").append(range(warnLow, warnHigh));
        }
        return sb.toString();
    }

    private static String range(Double low, Double high) {
        if (low != null && high != null) {
            return "outside " + num(low) + ".." + num(high);
        }
        return low != null ? "<" + num(low) : ">" + num(high);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
