package io.sunsync.sim;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.accel.ThrottleReason;
import io.sunsync.hal.time.Seconds;
import io.sunsync.sim.accel.BoardBank;
import io.sunsync.sim.fault.Sensed;
import java.time.Instant;
import java.util.Set;

/**
 * The {@code sim} accelerator board: a view of one board of the {@link SimSatellite}. The
 * synthetic workload always has work, so an enabled board draws its cap (or less while the
 * hardware slows it for temperature) and its {@code workUnits} grow at the throughput curve's
 * rate. A command is checked when given (range, a hung or failed board, one too hot to enable) and
 * answered at once, but comes into force when the scenario's actuation brings it (the backend's
 * latency and serialisation, {@code Actuation}); until then readings show the cap and state
 * in force. Thread safe (locks the model).
 */
public final class SimAcceleratorBoard implements AcceleratorBoard {
    private static final Set<ThrottleReason> THERMAL = Set.of(ThrottleReason.HW_THERMAL, ThrottleReason.HW_SLOWDOWN);
    private static final Set<ThrottleReason> POWER_CAP = Set.of(ThrottleReason.POWER_CAP);
    private final SimSatellite satellite;
    private final int index;
    private final BoardSpec spec;
    private final String powerKey;
    private final String tempKey;

    SimAcceleratorBoard(SimSatellite satellite, int index) {
        this.satellite = satellite;
        this.index = index;
        BoardBank b = satellite.boardBank();
        var s = b.spec();
        this.spec = new BoardSpec(b.id(index), "sim accelerator " + Math.round(s.maxCapW()) + " W", index, s.minCapW(),
                s.maxCapW(), s.idleW(), s.slowdownC());
        this.powerKey = b.id(index) + ".powerW";
        this.tempKey = b.id(index) + ".tempC";
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public BoardReading read() {
        synchronized (satellite) {
            BoardBank b = satellite.boardBank();
            Instant at = satellite.now();
            Sensed s = new Sensed(spec.id(), at);
            double power = s.check("powerW", satellite.sense(powerKey, b.drawW(index), s), 0, 3 * spec.maxCapW());
            double temp = s.check("tempC", satellite.sense(tempKey, b.tempC(index), s), -150, 200);
            BoardState state = b.state(index);
            // Immutable sets: the reading record keeps them without copying (this runs every control tick).
            Set<ThrottleReason> reasons = Set.of();
            if (state == BoardState.ENABLED) {
                if (b.throttled(index)) {
                    reasons = THERMAL;
                    s.flag(FaultCode.DEVICE_THROTTLED, Quality.GOOD, "tempC",
                            "hardware thermal slowdown at " + spec.slowdownTempC() + " °C");
                } else if (b.capW(index) < spec.maxCapW()) {
                    reasons = POWER_CAP;
                }
            }
            switch (state) {
                case HUNG -> s.flag(FaultCode.DEVICE_HUNG, Quality.GOOD, "state", "board not responding; reset it");
                case FAILED -> s.flag(FaultCode.DEVICE_ERROR, Quality.GOOD, "state", "board failed; resets do not recover it");
                case DISABLED -> {
                    if (b.tripped(index)) {
                        s.flag(FaultCode.DEVICE_OFFLINE, Quality.GOOD, "state",
                                "thermal shutdown at " + satellite.scenario().boards().shutdownC() + " °C");
                    } else if (b.brownedOut(index)) {
                        s.flag(FaultCode.DEVICE_OFFLINE, Quality.GOOD, "state", "power switched off by bus undervoltage");
                    }
                }
                default -> {
                }
            }
            if (b.ecc(index) > 0) {
                s.flag(FaultCode.DEVICE_ERROR, Quality.GOOD, "eccUncorrected",
                        b.ecc(index) + " uncorrectable memory errors");
            }
            double util = state == BoardState.ENABLED ? 100.0 : 0.0;
            return new BoardReading(at, spec.id(), state, power, b.capW(index), temp, util, b.workUnits(index),
                    b.ecc(index), reasons, s.quality(), s.faults());
        }
    }

    @Override
    public CommandResult setCap(double capW) {
        synchronized (satellite) {
            if (!(capW >= spec.minCapW() && capW <= spec.maxCapW())) {
                return fail(FaultCode.COMMAND_OUT_OF_RANGE, "setCap",
                        "cap " + capW + " W outside " + spec.minCapW() + ".." + spec.maxCapW() + " W");
            }
            BoardState state = satellite.boardBank().state(index);
            if (state == BoardState.HUNG) {
                return fail(FaultCode.DEVICE_HUNG, "setCap", "board not responding");
            }
            if (state == BoardState.FAILED) {
                return fail(FaultCode.DEVICE_OFFLINE, "setCap", "board failed");
            }
            satellite.boardBank().setCap(index, capW, satellite.tS());
            return CommandResult.success();
        }
    }

    @Override
    public CommandResult setEnabled(boolean enabled) {
        synchronized (satellite) {
            if (enabled && satellite.boardBank().state(index) == BoardState.HUNG) {
                return fail(FaultCode.DEVICE_HUNG, "setEnabled", "board not responding; reset it or switch it off first");
            }
            return switch (satellite.boardBank().setEnabled(index, enabled, satellite.tS())) {
                case OK -> CommandResult.success();
                case FAILED_BOARD -> failedBoard();
                case TOO_HOT -> fail(FaultCode.COMMAND_REJECTED, "setEnabled",
                        "board at or above its slowdown temperature; let it cool first");
            };
        }
    }

    @Override
    public CommandResult reset() {
        synchronized (satellite) {
            if (!satellite.boardBank().reset(index, satellite.tS())) {
                return fail(FaultCode.COMMAND_REJECTED, "reset", "board failed; resets do not recover it");
            }
            return CommandResult.success();
        }
    }

    /** The answer to a command to a failed board. */
    CommandResult failedBoard() {
        return fail(FaultCode.DEVICE_OFFLINE, "setEnabled", "board failed");
    }

    /** The board's index in the model. */
    int index() {
        return index;
    }

    /** The model this board is a view of. */
    SimSatellite satellite() {
        return satellite;
    }

    /** The satellite's group shed when its actuation has one ({@link SimSafeStateGroup}). */
    @Override
    public java.util.Optional<io.sunsync.hal.accel.SafeStateGroup> safeStateGroup() {
        return satellite.safeStateGroup();
    }

    /**
     * Truth, for tests and benches (a controller must not see it): when the last command given to
     * this board comes into force, or null when none waits.
     */
    public Instant pendingUntil() {
        synchronized (satellite) {
            double s = satellite.boardBank().commands().pendingUntilS(index);
            return Double.isFinite(s) ? satellite.scenario().start().plus(Seconds.of(s)) : null;
        }
    }

    private CommandResult fail(FaultCode code, String command, String detail) {
        return CommandResult.failure(new HalFault(code, spec.id(), command, detail, satellite.now()));
    }

    @Override
    public java.util.Optional<byte[]> runSyntheticKernel(byte[] input, double workUnits) {
        return java.util.Optional.of(satellite.runKernel(index, input, workUnits));
    }
}
