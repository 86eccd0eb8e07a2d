package io.sunsync.sim.scenario;

import io.sunsync.hal.config.ConfigException;

/**
 * The range checks of the scenario's sections: each returns the value, or its default when the
 * value is absent, and refuses a value out of range with a {@link ConfigException} naming the key.
 * Stateless; thread safe.
 */
final class Bounds {

    private Bounds() {
    }

    static double positive(String key, Double value, double dflt) {
        double v = value == null ? dflt : value;
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException(key, "must be a positive number, was " + v);
        }
        return v;
    }

    static double nonNegative(String key, Double value, double dflt) {
        double v = value == null ? dflt : value;
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ConfigException(key, "must be a number >= 0, was " + v);
        }
        return v;
    }

    static double fraction(String key, Double value, double dflt) {
        double v = value == null ? dflt : value;
        if (!(v > 0 && v <= 1)) {
            throw new ConfigException(key, "must be in (0, 1], was " + v);
        }
        return v;
    }

    static double between(String key, Double value, double dflt, double lo, double hi) {
        return ConfigException.inRange(key, value, dflt, lo, hi);
    }
}
