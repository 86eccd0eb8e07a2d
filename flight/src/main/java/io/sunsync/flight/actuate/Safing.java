package io.sunsync.flight.actuate;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the hardware to the safe state each hal capability declares ({@code safeState()}): every
 * board through the actuator's shed ({@link BoardActuator#shedAll}: each board's
 * {@code applySafeState()} on its lane, ahead of anything waiting), then the thermal control (every
 * pump on), the power system and the navigation receiver (nothing to command). Applied when flight
 * stops and on entry to safe mode. A board that fails is reported by the actuator
 * ({@code BOARD_COMMAND_FAILED}); a thermal failure is logged here (fault protection reports a
 * failed pump as {@code PUMP_FAILED}).
 *
 * <p>Threading: on the control thread, or on the stopping thread once the scheduler has stopped;
 * one call at a time.
 */
public final class Safing {
    private static final Logger LOG = LoggerFactory.getLogger(Safing.class);

    private final BoardActuator actuator;
    private final List<AcceleratorBoard> boards;
    private final ThermalControl thermal;
    private final PowerSystem power;
    private final NavigationReceiver navigation;

    /**
     * What one {@link #apply} achieved.
     *
     * @param boards     the boards' shed (within its budget)
     * @param thermal    the thermal control's safe state
     * @param power      the power system's
     * @param navigation the navigation receiver's (success when there is none)
     */
    public record Report(ShedReport boards, CommandResult thermal, CommandResult power, CommandResult navigation) {
        /** True when every device reported reaching its safe state (every board within the budget). */
        public boolean complete() {
            return boards.complete() && thermal.ok() && power.ok() && navigation.ok();
        }
    }

    /**
     * @param actuator   the boards' actuator
     * @param boards     the boards it drives (for the declared safe state)
     * @param navigation the navigation receiver, or null when the satellite has none
     */
    public Safing(BoardActuator actuator, List<AcceleratorBoard> boards, ThermalControl thermal, PowerSystem power,
                  NavigationReceiver navigation) {
        this.actuator = Objects.requireNonNull(actuator, "actuator");
        this.boards = List.copyOf(boards);
        this.thermal = Objects.requireNonNull(thermal, "thermal");
        this.power = Objects.requireNonNull(power, "power");
        this.navigation = navigation;
    }

    /**
     * Drives every device to its safe state.
     *
     * @param reason why, for the shed report and the log
     */
    public Report apply(String reason) {
        ShedReport boards = actuator.shedAll(reason);
        CommandResult th = thermal.applySafeState();
        CommandResult pw = power.applySafeState();
        CommandResult nav = navigation == null ? CommandResult.success() : navigation.applySafeState();
        Report r = new Report(boards, th, pw, nav);
        if (r.complete()) {
            LOG.info("safe state ({}): {} boards, thermal, power{} reached", reason, boards.boards(),
                    navigation == null ? "" : ", navigation");
        } else {
            LOG.warn("safe state ({}) not reached everywhere: boards {} of {} ({} failed, {} still running); "
                    + "thermal {}; power {}; navigation {}", reason, boards.shed(), boards.boards(), boards.failed(),
                    boards.pending(), describe(th), describe(pw), describe(nav));
        }
        return r;
    }

    /** The declared safe states, for the log at start. */
    public String declared() {
        String board = boards.stream().map(b -> b.safeState().toString()).distinct().collect(Collectors.joining(" | "));
        return boards.size() + " boards: " + (boards.isEmpty() ? "none" : board) + "; thermal: "
                + thermal.safeState() + "; power: " + power.safeState()
                + (navigation == null ? "" : "; navigation: " + navigation.safeState());
    }

    private static String describe(CommandResult r) {
        return r.ok() ? "ok" : r.fault().code() + " " + r.fault().device() + ": " + r.fault().detail();
    }
}
