package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.util.Objects;

/**
 * One quantity as read from the hardware, already in the records' units (W, V, A, Wh, °C, %):
 * the value, how far it can be trusted, and the fault when it cannot be fully trusted.
 *
 * @param value   the value in SI-style units; NaN when nothing usable was read
 * @param quality how far the value can be trusted
 * @param fault   the fault, or {@code null} when {@code quality} is {@link Quality#GOOD}
 * @param detail  a short explanation for operators ({@code ""} when good)
 */
public record Sample(double value, Quality quality, FaultCode fault, String detail) {
    public Sample {
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(detail, "detail");
        if ((quality == Quality.GOOD) != (fault == null)) {
            throw new IllegalArgumentException("a sample carries a fault exactly when it is not GOOD");
        }
    }

    /** A good value. */
    public static Sample good(double value) {
        return new Sample(value, Quality.GOOD, null, "");
    }

    /** A value that could not be read: NaN, with the quality the fault implies. */
    public static Sample failed(FaultCode fault, String detail) {
        return new Sample(Double.NaN, qualityOf(fault), fault, detail);
    }

    /** A failed read of an attribute, as a sample. */
    public static Sample failed(AttrRead read) {
        return failed(read.fault(), read.detail());
    }

    /** The quality a reading with this fault has: stuck/stale → STALE, out of range → OUT_OF_RANGE, else FAILED. */
    public static Quality qualityOf(FaultCode fault) {
        return switch (fault) {
            case SENSOR_STUCK, SENSOR_STALE -> Quality.STALE;
            case SENSOR_OUT_OF_RANGE -> Quality.OUT_OF_RANGE;
            default -> Quality.FAILED;
        };
    }

    /** True when the value may be used for control (GOOD or STALE). */
    public boolean usable() {
        return quality.usable();
    }

    /** True when the sample is GOOD. */
    public boolean good() {
        return quality == Quality.GOOD;
    }

    /** This value, marked stuck (STALE) with {@code detail}. */
    public Sample stuck(String why) {
        return new Sample(value, Quality.STALE, FaultCode.SENSOR_STUCK, why);
    }

    /** A sample with the same trust and fault and a new value (e.g. after a sign or unit change). */
    public Sample withValue(double newValue) {
        return new Sample(newValue, quality, fault, detail);
    }
}
