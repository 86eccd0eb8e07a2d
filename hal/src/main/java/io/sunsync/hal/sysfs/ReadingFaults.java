package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The faults and the overall quality of one reading being put together: each quantity's
 * {@link Sample} is taken in, its fault (if any) becomes a {@link HalFault} and the reading's
 * quality becomes the worst seen. Used by one thread for one reading, then dropped.
 */
public final class ReadingFaults {
    private final Instant at;
    private final List<HalFault> faults = new ArrayList<>();
    private Quality quality = Quality.GOOD;

    /**
     * Puts a reading of {@code device} at {@code at} together with {@code sample}, which takes each
     * quantity into the given faults. A bad reading is a fault, never an exception; so a
     * RuntimeException out of {@code sample} is a bug in the backend, and it must not stop the
     * control loop: it is recorded as {@link FaultCode#SENSOR_IO_ERROR} and {@code unreadable} makes
     * the reading from the faults instead. The one guard of every backend's {@code read()}.
     */
    public static <R> R guarded(Instant at, String device, Function<ReadingFaults, R> sample,
                                Function<ReadingFaults, R> unreadable) {
        ReadingFaults faults = new ReadingFaults(at);
        try {
            return sample.apply(faults);
        } catch (RuntimeException e) {
            faults.add(FaultCode.SENSOR_IO_ERROR, device, "read", "unexpected error: " + e);
            return unreadable.apply(faults);
        }
    }

    /** @param at the reading's timestamp, used on every fault */
    public ReadingFaults(Instant at) {
        this.at = Objects.requireNonNull(at, "at");
    }

    /** The reading's timestamp. */
    public Instant at() {
        return at;
    }

    /**
     * Takes a quantity into the reading: records its fault (if any) and returns its value (NaN
     * when it could not be read; an out-of-range value is kept so operators can see it).
     */
    public double take(String device, String quantity, Sample sample) {
        if (!sample.good()) {
            faults.add(new HalFault(sample.fault(), device, quantity, sample.detail(), at));
            quality = quality.worse(sample.quality());
        }
        return sample.value();
    }

    /** Records a fault that makes the reading's quality {@link Sample#qualityOf(FaultCode) what the code implies}. */
    public void add(FaultCode code, String device, String quantity, String detail) {
        add(code, device, quantity, detail, Sample.qualityOf(code));
    }

    /** Records a fault and degrades the reading's quality to at most {@code q}. */
    public void add(FaultCode code, String device, String quantity, String detail, Quality q) {
        faults.add(new HalFault(code, device, quantity, detail, at));
        quality = quality.worse(q);
    }

    /**
     * Records a health fault of the device (ECC errors, throttling, a re-applied command) that
     * does not make the measured values less trustworthy: the quality is unchanged.
     */
    public void addHealth(FaultCode code, String device, String quantity, String detail) {
        faults.add(new HalFault(code, device, quantity, detail, at));
    }

    /** Takes in the faults of another reading as they are. */
    public void addAll(List<HalFault> more, Quality q) {
        faults.addAll(more);
        quality = quality.worse(q);
    }

    /** The worst quality taken in so far. */
    public Quality quality() {
        return quality;
    }

    /** The faults recorded so far, in order. */
    public List<HalFault> faults() {
        return List.copyOf(faults);
    }
}
