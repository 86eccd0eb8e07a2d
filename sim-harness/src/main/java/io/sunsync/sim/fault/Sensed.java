package io.sunsync.sim.fault;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what went wrong while one device reading was taken: its worst quality and the
 * faults, for the reading record. One per reading; not shared.
 */
public final class Sensed {
    private final String device;
    private final Instant at;
    private Quality quality = Quality.GOOD;
    private List<HalFault> faults;

    public Sensed(String device, Instant at) {
        this.device = device;
        this.at = at;
    }

    /**
     * Records a problem with a quantity of the device: a sensor's reading ({@code tempC},
     * {@code batterySocPct}, a zone's name) or the device's own state ({@code state}, {@code pump}).
     *
     * @param quantity what the fault is about, as the reading record names it
     * @param detail   free text for people; nothing is read back from it
     */
    public void flag(FaultCode code, Quality q, String quantity, String detail) {
        quality = quality.worse(q);
        if (faults == null) {
            faults = new ArrayList<>(2);
        }
        faults.add(new HalFault(code, device, quantity, detail, at));
    }

    /**
     * Checks {@code value} of {@code quantity} against its physical range [lo, hi]: NaN or
     * outside is flagged as a real backend would. Returns the value unchanged.
     */
    public double check(String quantity, double value, double lo, double hi) {
        if (Double.isNaN(value)) {
            if (faults == null || faults.stream().noneMatch(f -> f.quantity().equals(quantity))) {
                flag(FaultCode.SENSOR_NAN, Quality.FAILED, quantity, quantity + " reads NaN");
            }
        } else if (value < lo || value > hi) {
            flag(FaultCode.SENSOR_OUT_OF_RANGE, Quality.OUT_OF_RANGE, quantity, quantity + " = " + value
                    + " outside its physical range [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** Lowers the quality to at most {@code q} without a fault of its own (a part's quality). */
    public void worsen(Quality q) {
        quality = quality.worse(q);
    }

    /** The worst quality seen. */
    public Quality quality() {
        return quality;
    }

    /** The faults seen (empty when none). */
    public List<HalFault> faults() {
        return faults == null ? List.of() : faults;
    }
}
