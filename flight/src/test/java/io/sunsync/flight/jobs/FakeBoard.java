package io.sunsync.flight.jobs;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A board whose state the test sets; it delivers {@code (capW / maxCapW)} work units per second
 * while enabled (exactly, so progress can be checked analytically), or NaN work when it
 * "cannot measure" (like real hardware).
 */
final class FakeBoard implements AcceleratorBoard {
    private final BoardSpec spec;
    volatile BoardState state = BoardState.ENABLED;
    volatile double capW;
    volatile double workUnits;
    volatile boolean measuresWork = true;
    volatile Instant now = Instant.EPOCH;
    /** When true, every synthetic kernel output of this board is wrong (one bit flipped): silent data corruption. */
    volatile boolean corrupts;
    volatile int kernelRuns;
    /** When set, the power this board reports, flagged as outside its physical range (a sensor fault). */
    volatile Double flaggedPowerW;

    FakeBoard(int index, double maxCapW) {
        this.spec = new BoardSpec("board-" + index, "fake", index, 100, maxCapW, 50, 83);
        this.capW = maxCapW;
    }

    /** Advances the board's clock by {@code dtS} seconds. */
    void advance(Instant to, double dtS) {
        now = to;
        if (state == BoardState.ENABLED) {
            workUnits += capW / spec.maxCapW() * dtS;
        }
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        boolean on = state == BoardState.ENABLED;
        Double flagged = flaggedPowerW;
        List<io.sunsync.hal.HalFault> faults = flagged == null ? List.of()
                : List.of(new io.sunsync.hal.HalFault(io.sunsync.hal.FaultCode.SENSOR_OUT_OF_RANGE, spec.id(), "powerW",
                        "powerW = " + flagged + " outside its physical range", now));
        return new BoardReading(now, spec.id(), state, flagged != null ? flagged : on ? capW : 0, capW, 40,
                on ? 100 : 0, measuresWork ? workUnits : Double.NaN, 0, Set.of(),
                flagged == null ? Quality.GOOD : Quality.OUT_OF_RANGE, faults);
    }

    @Override
    public CommandResult setCap(double capW) {
        this.capW = spec.clampCapW(capW);
        return CommandResult.success();
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        state = enabled ? BoardState.ENABLED : BoardState.DISABLED;
        return CommandResult.success();
    }

    @Override
    public CommandResult reset() {
        state = BoardState.ENABLED;
        return CommandResult.success();
    }

    @Override
    public java.util.Optional<byte[]> runSyntheticKernel(byte[] input, double workUnits) {
        kernelRuns++;
        try {
            byte[] out = java.security.MessageDigest.getInstance("SHA-256").digest(input);
            if (corrupts) {
                out[0] ^= 1;
            }
            return java.util.Optional.of(out);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
