package io.sunsync.sim.fault;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.Quality;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sensor faults in force: what a sensor reads instead of the truth. NaN reads as NaN; a stuck
 * sensor repeats the value it had when it stuck; a noisy one adds Gaussian noise drawn from a
 * generator seeded by (seed, sensor, time), so what it reads does not depend on how often it is
 * read; an out-of-range one reads a fixed impossible value. Owned by the satellite model;
 * read by its device views on the same thread.
 */
public final class SensorFaults {
    /** A stuck sensor is reported as stuck once it has not changed for this long, in s. */
    public static final double STUCK_DETECT_S = 60.0;

    private record Active(FaultKind kind, double startS, double untilS, double value) {
    }

    private final long seed;
    private final Map<String, Active> active = new HashMap<>();

    public SensorFaults(long seed) {
        this.seed = seed;
    }

    /** Puts sensor {@code key} into fault {@code kind} from {@code tS} for {@code durationS}. */
    public void start(String key, FaultKind kind, double tS, double durationS, double value) {
        active.put(key, new Active(kind, tS, tS + durationS, value));
    }

    /** True when any sensor fault is in force (the fast path for reads). */
    public boolean any() {
        return !active.isEmpty();
    }

    /** Drops faults that have ended by {@code tS}. */
    public void expire(double tS) {
        if (!active.isEmpty()) {
            active.values().removeIf(a -> a.untilS() <= tS);
        }
    }

    /** The faults in force now, by sensor key (kind names), for the truth record. */
    public Map<String, String> inForce() {
        Map<String, String> m = new java.util.TreeMap<>();
        active.forEach((k, a) -> m.put(k, a.kind().name()));
        return m;
    }

    /**
     * What sensor {@code key} reads at {@code tS} when the truth is {@code truth}; the code of a
     * detected problem, if any, goes into {@code out}.
     */
    public double read(String key, double truth, double tS, Sensed out) {
        Active a = active.get(key);
        if (a == null || tS < a.startS() || tS >= a.untilS()) {
            return truth;
        }
        switch (a.kind()) {
            case SENSOR_NAN -> {
                out.flag(FaultCode.SENSOR_NAN, Quality.FAILED, quantityOf(key), key + " reads NaN");
                return Double.NaN;
            }
            case SENSOR_STUCK -> {
                if (tS - a.startS() >= STUCK_DETECT_S) {
                    out.flag(FaultCode.SENSOR_STUCK, Quality.STALE, quantityOf(key), key + " has not changed for "
                            + Math.round(tS - a.startS()) + " s");
                }
                return a.value();
            }
            case SENSOR_NOISE -> {
                long mix = seed * 0x9E3779B97F4A7C15L ^ key.hashCode() * 0xC2B2AE3D27D4EB4FL
                        ^ Double.doubleToLongBits(tS);
                return truth + a.value() * new SplittableRandom(mix).nextGaussian();
            }
            case SENSOR_OUT_OF_RANGE -> {
                return a.value();
            }
            default -> {
                return truth;
            }
        }
    }

    /**
     * The quantity a sensor key reads: its last dot-separated part ({@code board-02.tempC} reads
     * {@code tempC}, {@code thermal.cold-plate-a} reads {@code cold-plate-a}), the name the
     * device's reading record gives it.
     */
    static String quantityOf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** A typical noise level for a sensor key (for randomly drawn noise faults). */
    public static double typicalNoise(String key) {
        if (key.endsWith("W")) {
            return key.startsWith("board") ? 50.0 : 2000.0;
        }
        if (key.endsWith("Wh")) {
            return 500.0;
        }
        if (key.endsWith("Pct")) {
            return 3.0;
        }
        if (key.endsWith("V")) {
            return 3.0;
        }
        if (key.endsWith("Lpm")) {
            return 5.0;
        }
        return 4.0; // temperatures
    }

    /** A physically impossible reading for a sensor key (for randomly drawn out-of-range faults). */
    public static double impossibleValue(String key) {
        if (key.endsWith("Pct")) {
            return 250.0;
        }
        if (key.endsWith("W") || key.endsWith("Wh") || key.endsWith("V") || key.endsWith("Lpm")) {
            return -1.0e6;
        }
        return -300.0; // below absolute zero, °C
    }
}
