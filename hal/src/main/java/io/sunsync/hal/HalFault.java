package io.sunsync.hal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One fault observed by a backend: a code, the device and quantity it concerns, a human
 * readable detail and when it was seen.
 *
 * @param code     what went wrong
 * @param device   the device name, e.g. {@code power}, {@code board-07}, {@code zone-cold-plate-1}
 * @param quantity the quantity or command concerned, e.g. {@code batterySocPct}, {@code setCap}
 * @param detail   a short explanation for operators (not parsed by software)
 * @param at       when the fault was observed
 */
public record HalFault(FaultCode code, String device, String quantity, String detail, Instant at) {
    public HalFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    /**
     * True when {@code value} of {@code quantity} may be used: finite and not flagged by any of
     * {@code faults} (a reading's quality is the worst of its quantities; this asks about one).
     */
    public static boolean trusted(List<HalFault> faults, String quantity, double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        for (HalFault f : faults) {
            if (f.quantity().equals(quantity)) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} where {@link #trusted}, else NaN: what may be added up, compared or planned with. */
    public static double trustedOrNaN(List<HalFault> faults, String quantity, double value) {
        return trusted(faults, quantity, value) ? value : Double.NaN;
    }
}
