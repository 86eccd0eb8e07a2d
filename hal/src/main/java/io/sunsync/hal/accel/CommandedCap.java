package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The cap last commanded to a board, so that a limit the hardware lost (a reboot, a driver
 * reload or a GPU reset restores the default power limit) is noticed on the next reading and
 * applied again, at most once per {@code retryEvery}. Also "disabled" for boards that cannot be
 * switched off (GPUs through nvidia-smi or NVML, a Jetson module): held at the lowest cap, the cap
 * before restored on enable. Owned by one board, under the board's lock.
 */
final class CommandedCap {
    private final double toleranceW;
    private final Duration retryEvery;
    private Double capW;
    private Instant lastAttempt;
    private boolean disabled;
    private Double capBeforeDisable;

    CommandedCap(double toleranceW, Duration retryEvery) {
        this.toleranceW = toleranceW;
        this.retryEvery = retryEvery;
    }

    /**
     * Commands a cap: refuses one outside the board's range ({@link FaultCode#COMMAND_OUT_OF_RANGE},
     * NaN included) without touching the hardware, otherwise applies it with {@code apply} (which
     * verifies by reading back) and remembers it when that worked.
     */
    CommandResult command(BoardSpec spec, double w, Instant now, DoubleFunction<CommandResult> apply) {
        if (!(w >= spec.minCapW() && w <= spec.maxCapW())) {
            return CommandResult.failure(new HalFault(FaultCode.COMMAND_OUT_OF_RANGE, spec.id(), "setCap",
                    String.format(Locale.ROOT, "cap %s W outside [%.1f, %.1f] W", w, spec.minCapW(), spec.maxCapW()), now));
        }
        CommandResult r = apply.apply(w);
        if (r.ok()) {
            accepted(w);
        }
        return r;
    }

    /** Remembers a cap the hardware accepted, in W. */
    void accepted(double w) {
        capW = w;
    }

    /** The cap last accepted, or null when none was commanded since start. */
    Double capW() {
        return capW;
    }

    /** True when the limit in force ({@code limitW}) differs from the commanded cap and a re-apply is due now. */
    boolean needsReapply(double limitW, Instant now) {
        if (capW == null || !Double.isFinite(limitW) || Math.abs(limitW - capW) <= toleranceW) {
            return false;
        }
        if (lastAttempt != null && Duration.between(lastAttempt, now).compareTo(retryEvery) < 0) {
            return false;
        }
        lastAttempt = now;
        return true;
    }

    /** True while the board is held disabled ({@link #setEnabled}). */
    boolean disabled() {
        return disabled;
    }

    /** The board is held disabled at its lowest cap from now on; {@code before} is restored on enable. */
    private void held(Double before) {
        capBeforeDisable = before;
        disabled = true;
    }

    /**
     * Records a disable that a command to many boards at once carried out (the lowest cap {@code minW}
     * was set and read back), as {@link #setEnabled} records its own.
     */
    void disabledBy(double minW) {
        Double before = capW;
        accepted(minW);
        held(before);
    }

    /**
     * Enables or disables a board that cannot be switched off: disabling commands the lowest cap
     * (remembering the one before), enabling restores it (the highest cap when none was
     * commanded). Already in that state: success without touching the hardware. A failure keeps
     * the state and is reported as {@code setEnabled}.
     */
    CommandResult setEnabled(BoardSpec spec, boolean enabled, Instant now, DoubleFunction<CommandResult> apply) {
        if (enabled == !disabled) {
            return CommandResult.success();
        }
        CommandResult r;
        if (!enabled) {
            Double before = capW;
            r = command(spec, spec.minCapW(), now, apply);
            if (r.ok()) {
                held(before);
            }
        } else {
            r = command(spec, capBeforeDisable != null ? capBeforeDisable : spec.maxCapW(), now, apply);
            if (r.ok()) {
                disabled = false;
            }
        }
        return r.ok() ? r : CommandResult.failure(new HalFault(r.fault().code(), spec.id(), "setEnabled",
                r.fault().detail(), now));
    }
}
