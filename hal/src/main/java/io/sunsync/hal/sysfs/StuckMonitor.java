package io.sunsync.hal.sysfs;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Flags a value that has not changed for longer than a limit (a frozen ADC, a driver that
 * stopped updating): the sample keeps its value but becomes {@link io.sunsync.hal.Quality#STALE}
 * with {@link io.sunsync.hal.FaultCode#SENSOR_STUCK}. Apply it only to quantities that are
 * noisy by nature (temperatures, powers, currents); a zero limit turns it off. Owned by one
 * device and used from its reading thread only.
 */
public final class StuckMonitor {
    private final Duration limit;
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(double value, Instant since) {
    }

    /** @param limit how long a value may stay exactly the same; zero or negative disables the check */
    public StuckMonitor(Duration limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** A monitor that never flags anything. */
    public static StuckMonitor off() {
        return new StuckMonitor(Duration.ZERO);
    }

    /** True when the check is on. */
    public boolean enabled() {
        return limit.compareTo(Duration.ZERO) > 0;
    }

    /**
     * Checks one quantity's new sample.
     *
     * @param key the quantity's identity within the device (e.g. {@code zone:cpu})
     * @return the sample, marked stuck when its value has been the same for longer than the limit
     */
    public Sample check(String key, Sample sample, Instant now) {
        if (!enabled() || !sample.good()) {
            return sample;
        }
        Seen last = seen.get(key);
        if (last == null || Double.compare(last.value(), sample.value()) != 0 || now.isBefore(last.since())) {
            seen.put(key, new Seen(sample.value(), now));
            return sample;
        }
        Duration unchanged = Duration.between(last.since(), now);
        if (unchanged.compareTo(limit) > 0) {
            return sample.stuck(String.format(Locale.ROOT, "%s unchanged at %s for %d s (limit %d s)", key,
                    sample.value(), unchanged.toSeconds(), limit.toSeconds()));
        }
        return sample;
    }
}
