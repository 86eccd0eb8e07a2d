package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.sysfs.SysfsTree;
import io.sunsync.hal.thermal.SysfsThermalZone;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An NVIDIA Jetson module (Orin, JetPack 5/6) as one board: flight runs on it and caps it through
 * its power modes. There is no power cap in watts on a Jetson (nvidia-smi power capping does not
 * exist there): the cap is the budget of the {@code nvpmodel} mode in force, and {@code setCap(W)}
 * selects the highest-budget mode whose budget is at most W ({@code nvpmodel -m ID}, read back with
 * {@code nvpmodel -q}). The cap is therefore quantised to the mode budgets (e.g. 10, 15, 25 W).
 *
 * <p>Reads the module's input power from its INA3221 rail ({@code VDD_IN}; or the sum of the rails
 * where there is none), the hottest of its thermal zones by type, and over-current alarms of every
 * rail ({@link FaultCode#DEVICE_THROTTLED}: the module throttles itself on them). The mode in force
 * is asked of nvpmodel at most every {@code modeCheck} (a process, not every tick); a failed ask
 * serves the last mode known, STALE. A mode other than the commanded one (someone ran nvpmodel, or
 * the module rebooted into its default) is set again at most every {@code reapplyEvery}
 * ({@link FaultCode#COMMAND_NOT_VERIFIED}). Disabled = the lowest-budget mode, no work admitted; a
 * Jetson cannot reset itself from flight ({@code reset} is {@link FaultCode#COMMAND_REJECTED}).
 * Utilisation and ECC are not measured (NaN, 0).
 *
 * <p>Threading: every method is synchronized on the board.
 */
public final class JetsonAcceleratorBoard implements AcceleratorBoard {
    private static final double CAP_TOLERANCE_W = 0.5;
    private final SysfsTree tree;
    private final List<Ina3221Rail> rails;
    private final Ina3221Rail input;
    private final List<Path> zones;
    private final Nvpmodel nvpmodel;
    private final List<NvpmodelOutput.Mode> ladder;
    private final BoardSpec spec;
    private final Duration modeCheck;
    private final TimeSource time;
    private final CommandedCap commanded;
    private NvpmodelOutput.Current mode;
    private Instant modeAt;

    /**
     * @param tree      the sysfs tree
     * @param rails     every INA3221 rail (for alarms, and the sum when {@code input} is null)
     * @param input     the module's input rail, or null to add every rail
     * @param zones     the thermal zone folders whose hottest is the board's temperature
     * @param nvpmodel  the tool
     * @param ladder    the modes with a budget ({@link NvpmodelOutput.Mode#budgetW()} finite), any order
     * @param spec      identity and ratings (caps: the lowest and highest budgets)
     * @param current   the mode in force at start
     * @param modeCheck how often a reading asks nvpmodel for the mode in force
     */
    public JetsonAcceleratorBoard(SysfsTree tree, List<Ina3221Rail> rails, Ina3221Rail input, List<Path> zones,
                                  Nvpmodel nvpmodel, List<NvpmodelOutput.Mode> ladder, BoardSpec spec,
                                  NvpmodelOutput.Current current, Duration modeCheck, Duration reapplyEvery,
                                  TimeSource time) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.rails = List.copyOf(rails);
        this.input = input;
        this.zones = List.copyOf(zones);
        this.nvpmodel = Objects.requireNonNull(nvpmodel, "nvpmodel");
        this.ladder = ladder.stream().filter(m -> Double.isFinite(m.budgetW()))
                .sorted(Comparator.comparingDouble(NvpmodelOutput.Mode::budgetW)).toList();
        if (this.ladder.isEmpty()) {
            throw new IllegalArgumentException("a Jetson board needs at least one power mode with a budget");
        }
        this.spec = Objects.requireNonNull(spec, "spec");
        this.mode = current;
        this.modeCheck = Objects.requireNonNull(modeCheck, "modeCheck");
        this.time = Objects.requireNonNull(time, "time");
        this.modeAt = time.now();
        this.commanded = new CommandedCap(CAP_TOLERANCE_W, reapplyEvery);
    }

    /** The modes with a budget, lowest budget first. */
    public List<NvpmodelOutput.Mode> ladder() {
        return ladder;
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public synchronized BoardReading read() {
        return ReadingFaults.guarded(time.now(), spec.id(), f -> sample(f.at(), f),
                f -> BoardReading.unreadable(f.at(), spec.id(), state(), f.quality(), f.faults()));
    }

    private BoardReading sample(Instant now, ReadingFaults faults) {
        double powerW = faults.take(spec.id(), "powerW", inputPower());
        for (Ina3221Rail r : rails) {
            String alarm = r.alarm(tree);
            if (!alarm.isEmpty()) {
                faults.addHealth(FaultCode.DEVICE_THROTTLED, spec.id(), "powerW", r.label() + ": " + alarm
                        + " over-current alarm (" + r.ref() + " channel " + r.channel() + ")");
            }
        }
        double tempC = faults.take(spec.id(), "tempC", hottest(faults));
        double capW = faults.take(spec.id(), "capW", modeBudget(now));
        Set<ThrottleReason> reasons = Double.isFinite(powerW) && Double.isFinite(capW) && powerW >= 0.97 * capW
                ? Set.of(ThrottleReason.POWER_CAP) : Set.of();
        if (mode != null && commanded.needsReapply(capW, now)) {
            CommandResult again = applyCap(commanded.capW(), now);
            faults.addHealth(FaultCode.COMMAND_NOT_VERIFIED, spec.id(), "setCap", String.format(Locale.ROOT,
                    "power mode %d (%s, %.1f W) is in force but %.1f W was commanded; set again: %s", mode.id(),
                    mode.name(), capW, commanded.capW(), again.ok() ? "ok" : again.fault().detail()));
            capW = budgetOf(mode.id());
        }
        return new BoardReading(now, spec.id(), state(), powerW, capW, tempC, Double.NaN, Double.NaN, 0, reasons,
                faults.quality(), faults.faults());
    }

    private Sample inputPower() {
        if (input != null) {
            return input.powerW(tree);
        }
        double sum = 0;
        for (Ina3221Rail r : rails) {
            Sample s = r.powerW(tree);
            if (!s.usable()) {
                return s;
            }
            sum += s.value();
        }
        return Sample.good(sum);
    }

    /** The hottest zone that reads; unreadable ones are faults that leave the reading usable (STALE). */
    private Sample hottest(ReadingFaults faults) {
        double best = Double.NaN;
        String detail = "";
        for (Path z : zones) {
            Sample t = SysfsThermalZone.TEMP.parse(tree.read(z, "temp"));
            if (t.good()) {
                best = Double.isNaN(best) ? t.value() : Math.max(best, t.value());
            } else {
                detail = z.getFileName() + ": " + t.detail();
                faults.add(t.fault(), spec.id(), "tempC", detail, Quality.STALE);
            }
        }
        return Double.isNaN(best) ? Sample.failed(FaultCode.SENSOR_MISSING, "no thermal zone reads: " + detail)
                : Sample.good(best);
    }

    /** The budget of the mode in force, asking nvpmodel when the last answer is older than the check period. */
    private Sample modeBudget(Instant now) {
        boolean due = mode == null || Duration.between(modeAt, now).compareTo(modeCheck) >= 0 || now.isBefore(modeAt);
        if (due) {
            Nvpmodel.Query q = nvpmodel.query();
            if (q.ok()) {
                mode = q.current();
                modeAt = now;
            } else if (mode == null) {
                return Sample.failed(q.fault(), q.detail());
            } else {
                double b = budgetOf(mode.id());
                return new Sample(b, Quality.STALE, FaultCode.SENSOR_STALE, q.detail() + "; mode " + mode.id()
                        + " (" + mode.name() + ") of " + Duration.between(modeAt, now).toSeconds() + " s ago served");
            }
        }
        double b = budgetOf(mode.id());
        return Double.isFinite(b) ? Sample.good(b) : Sample.failed(FaultCode.SENSOR_OUT_OF_RANGE, "power mode "
                + mode.id() + " (" + mode.name() + ") has no budget (give it in options.modeBudgetsW)");
    }

    private double budgetOf(int id) {
        return ladder.stream().filter(m -> m.id() == id).mapToDouble(NvpmodelOutput.Mode::budgetW).findFirst()
                .orElse(Double.NaN);
    }

    private BoardState state() {
        return commanded.disabled() ? BoardState.DISABLED : BoardState.ENABLED;
    }

    @Override
    public synchronized CommandResult setCap(double capW) {
        Instant now = time.now();
        CommandResult r = commanded.command(spec, capW, now, w -> applyCap(w, now));
        if (r.ok() && mode != null) {
            commanded.accepted(budgetOf(mode.id())); // the cap in force is the mode's budget, not the watts asked
        }
        return r;
    }

    /** Selects the highest-budget mode within {@code capW} and sets it, read back with {@code -q}. */
    private CommandResult applyCap(double capW, Instant now) {
        NvpmodelOutput.Mode target = ladder.get(0);
        for (NvpmodelOutput.Mode m : ladder) {
            if (m.budgetW() <= capW + CAP_TOLERANCE_W) {
                target = m;
            }
        }
        if (mode != null && mode.id() == target.id() && Duration.between(modeAt, now).compareTo(modeCheck) < 0) {
            return CommandResult.success(); // already in force
        }
        Nvpmodel.Set set = nvpmodel.set(target.id());
        if (!set.ok()) {
            return fail(set.fault(), "setCap", set.detail(), now);
        }
        Nvpmodel.Query q = nvpmodel.query();
        if (!q.ok() || q.current().id() != target.id()) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, "setCap", String.format(Locale.ROOT,
                    "nvpmodel -m %d (%s, %.1f W) accepted, but -q reads %s", target.id(), target.name(), target.budgetW(),
                    q.ok() ? "mode " + q.current().id() + " (" + q.current().name() + ")" : q.detail()), now);
        }
        mode = q.current();
        modeAt = now;
        return CommandResult.success();
    }

    @Override
    public synchronized CommandResult setEnabled(boolean enabled) {
        Instant now = time.now();
        return commanded.setEnabled(spec, enabled, now, w -> applyCap(w, now));
    }

    @Override
    public synchronized CommandResult reset() {
        return fail(FaultCode.COMMAND_REJECTED, "reset", "a Jetson module cannot reset itself from flight; "
                + "power-cycle it from the power system", time.now());
    }

    private CommandResult fail(FaultCode code, String command, String detail, Instant at) {
        return CommandResult.failure(new HalFault(code, spec.id(), command, detail, at));
    }
}
