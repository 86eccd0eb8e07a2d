package io.sunsync.hal.config;

/**
 * A configuration file or value is wrong. Carries the dotted key that is wrong (e.g.
 * {@code hardware.power.backend}) so the operator can find it without reading a stack trace.
 */
public class ConfigException extends RuntimeException {
    private final String key;

    /**
     * @param key     dotted path of the offending key, or the file name when the whole file is bad
     * @param message what is wrong with it
     */
    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** @param cause the underlying problem */
    public ConfigException(String key, String message, Throwable cause) {
        super(key + ": " + message, cause);
        this.key = key;
    }

    /** The dotted key that is wrong. */
    public String key() {
        return key;
    }

    /** The explanation without the key prefix. */
    public String reason() {
        return getMessage().substring(key.length() + 2);
    }

    /**
     * {@code value}, or {@code dflt} when it is null, checked to lie in [{@code min}, {@code max}];
     * otherwise throws naming {@code key}.
     */
    public static double inRange(String key, Double value, double dflt, double min, double max) {
        return inRange(key, value, dflt, min, max, "");
    }

    /**
     * As {@link #inRange(String, Double, double, double, double)}, the range said in {@code unit}
     * (e.g. {@code s}) in the message. The one range check of every config record.
     */
    public static double inRange(String key, Double value, double dflt, double min, double max, String unit) {
        double x = value == null ? dflt : value;
        if (!(x >= min && x <= max)) {
            throw new ConfigException(key, "must be in [" + min + ", " + max + "]" + (unit.isEmpty() ? "" : " " + unit)
                    + ", was " + x);
        }
        return x;
    }

    /** Returns {@code value}, or throws naming {@code key} when it is null or blank. */
    public static <T> T require(T value, String key) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ConfigException(key, "is required");
        }
        return value;
    }
}
