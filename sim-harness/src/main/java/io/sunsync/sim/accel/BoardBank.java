package io.sunsync.sim.accel;

import io.sunsync.hal.accel.BoardState;
import io.sunsync.sim.scenario.Actuation;
import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.ViolationKind;
import io.sunsync.sim.truth.ViolationMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of every accelerator board, in arrays for speed: state, cap, die temperature,
 * throttling, work done. Boards always have work (a synthetic training load), so an enabled
 * board draws its cap, or {@code throttleFactor} of it while the hardware slows it down for
 * temperature; a hung or resetting board draws idle power and does no work; a board switched off
 * by command draws its idle power where the driver cannot power it off
 * ({@link Actuation#disabledDrawsIdle()}), else nothing; a failed board, one whose power
 * the undervoltage protection cut and one shut down for temperature draw nothing.
 *
 * <p>Commands come into force when the backend's command path says ({@link CommandQueue}), within a
 * step at their own instant; the draw follows what the board should draw as a first-order lag
 * ({@link Actuation#capTimeConstantS()}), integrated exactly over each piece of a step
 * (a board that loses its power drops at once). Work is the throughput at each piece's mean draw.
 * The die is one thermal node on its loop's cold plate, stepped
 * exactly (exponential) for a constant plate temperature over the step; the heat it passes to
 * the plate is returned per loop so the loop's energy balance closes.
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread.
 */
public final class BoardBank {
    /** Hysteresis below the slowdown temperature before the hardware releases the slowdown, in K. */
    public static final double SLOWDOWN_HYSTERESIS_K = 5.0;

    private final Boards spec;
    private final ThroughputCurve curve;
    private final int count;
    private final int loops;
    private final String[] ids;
    private final int[] loopOf;
    private final BoardState[] state;
    private final double[] capW;
    private final double[] tempC;
    private final double[] drawW;
    private final double[] work;
    private final long[] ecc;
    private final boolean[] throttled;
    private final boolean[] tripped;
    private final boolean[] brownedOut;
    private final double[] resetDoneS;
    private final double[] cachedDrawW;
    private final double[] cachedRel;
    private final int[] slowdownChannel;
    private final double[] levelW;
    private final double[] workStep;
    private final double[] doneS;
    private final double[] doneJ;
    private final CommandQueue commands;
    private final List<CommandQueue.Pending> due = new ArrayList<>();
    private final double tauS;
    private final boolean disabledDrawsIdle;
    private double lagDtS = -1;
    private double lagEnd;
    private double lagMean;
    private final ViolationMonitor monitor;
    private double decayDtS = -1;
    private double decay;
    private double totalWork;
    private double maxTempSeenC = Double.NEGATIVE_INFINITY;
    private long hangs;
    private long eccErrors;
    private long resets;
    private long trips;
    private long switchOffs;

    /**
     * @param loops        cooling loops; board i is on loop {@code i * loops / count} (contiguous groups)
     * @param initialTempC temperature of every board at the start, in °C
     */
    public BoardBank(Boards spec, int loops, double initialTempC, ViolationMonitor monitor) {
        this(spec, Actuation.ideal(), loops, initialTempC, monitor);
    }

    /**
     * @param actuation    how commands reach the boards and how the boards follow them
     * @param loops        cooling loops; board i is on loop {@code i * loops / count} (contiguous groups)
     * @param initialTempC temperature of every board at the start, in °C
     */
    public BoardBank(Boards spec, Actuation actuation, int loops, double initialTempC,
                     ViolationMonitor monitor) {
        this.spec = spec;
        this.curve = spec.curve();
        this.count = spec.count();
        this.loops = loops;
        this.monitor = monitor;
        ids = new String[count];
        loopOf = new int[count];
        state = new BoardState[count];
        capW = new double[count];
        tempC = new double[count];
        drawW = new double[count];
        work = new double[count];
        ecc = new long[count];
        throttled = new boolean[count];
        tripped = new boolean[count];
        brownedOut = new boolean[count];
        resetDoneS = new double[count];
        cachedDrawW = new double[count];
        cachedRel = new double[count];
        slowdownChannel = new int[count];
        levelW = new double[count];
        workStep = new double[count];
        doneS = new double[count];
        doneJ = new double[count];
        commands = new CommandQueue(actuation, count);
        tauS = actuation.capTimeConstantS();
        disabledDrawsIdle = actuation.disabledDrawsIdle();
        for (int i = 0; i < count; i++) {
            ids[i] = Scenario.boardId(i);
            loopOf[i] = (int) ((long) i * loops / count);
            state[i] = BoardState.ENABLED;
            capW[i] = spec.maxCapW();
            tempC[i] = initialTempC;
            cachedDrawW[i] = -1;
            levelW[i] = spec.maxCapW();
            slowdownChannel[i] = monitor.channel(ViolationKind.BOARD_THERMAL_SLOWDOWN, ids[i], spec.slowdownC(), true);
        }
    }

    /**
     * What board {@code i} draws when settled in its present state, in W; negative when it has no
     * power at all (it drops to nothing at once, no lag).
     */
    private double targetW(int i, double tS) {
        BoardState s = state[i];
        if (s == BoardState.RESETTING && tS >= resetDoneS[i]) {
            state[i] = BoardState.ENABLED;
            s = BoardState.ENABLED;
        }
        return switch (s) {
            case ENABLED -> throttled[i] ? Math.max(spec.idleW(), capW[i] * spec.throttleFactor()) : capW[i];
            case RESETTING, HUNG -> spec.idleW();
            case DISABLED -> disabledDrawsIdle && !tripped[i] && !brownedOut[i] ? spec.idleW() : -1;
            default -> -1;
        };
    }

    /**
     * Integrates board {@code i}'s draw from {@code fromS} over {@code dtS} s towards what it should
     * draw now: adds the energy (J) and, while enabled, the work to the step's accumulators.
     */
    private void integrate(int i, double fromS, double dtS) {
        if (dtS <= 0) {
            return;
        }
        double target = targetW(i, fromS);
        double level = levelW[i];
        double meanW;
        if (target < 0) {
            level = 0;
            meanW = 0;
        } else if (tauS == 0 || Math.abs(level - target) < 1e-9) {
            level = target;
            meanW = target;
        } else {
            double end;
            double mean;
            if (dtS == lagDtS) {
                end = lagEnd;
                mean = lagMean;
            } else {
                end = Math.exp(-dtS / tauS);
                mean = tauS / dtS * (1 - end);
                lagDtS = dtS; // most pieces are whole steps: the next board reuses the factors
                lagEnd = end;
                lagMean = mean;
            }
            meanW = target + (level - target) * mean;
            level = target + (level - target) * end;
        }
        levelW[i] = level;
        doneJ[i] += meanW * dtS;
        doneS[i] += dtS;
        if (state[i] == BoardState.ENABLED && meanW > 0) {
            double rel;
            if (meanW == cachedDrawW[i]) {
                rel = cachedRel[i];
            } else {
                rel = curve.relativeAt(meanW);
                cachedDrawW[i] = meanW;
                cachedRel[i] = rel;
            }
            workStep[i] += rel * dtS;
        }
    }

    /**
     * Brings the commands in force during [tS, tS + dtS) into force at their instants, finishes
     * resets due, and returns the boards' mean demand over the step, in W.
     */
    public double demandW(double tS, double dtS) {
        java.util.Arrays.fill(doneS, 0.0);
        java.util.Arrays.fill(doneJ, 0.0);
        java.util.Arrays.fill(workStep, 0.0);
        if (commands.size() > 0 && commands.nextEffectS() < tS + dtS) {
            for (CommandQueue.Pending p : commands.pollDue(tS + dtS, due)) {
                int i = p.board();
                double at = Math.max(tS, p.effectS());
                integrate(i, tS + doneS[i], at - (tS + doneS[i]));
                apply(p, at);
            }
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            integrate(i, tS + doneS[i], dtS - doneS[i]);
            double d = doneJ[i] / dtS;
            drawW[i] = d;
            sum += d;
        }
        return sum;
    }

    /** A command comes into force at {@code atS}. */
    private void apply(CommandQueue.Pending p, double atS) {
        int i = p.board();
        switch (p.kind()) {
            case CAP -> {
                if (state[i] != BoardState.FAILED && state[i] != BoardState.HUNG) {
                    capW[i] = p.value();
                }
            }
            case ENABLE -> setEnabledNow(i, p.value() != 0);
            case RESET -> resetNow(i, atS);
        }
    }

    /** Undervoltage protection opened every board's power switch: all draw nothing from now on. */
    public void shedAll() {
        for (int i = 0; i < count; i++) {
            if (drawW[i] > 0 || state[i] == BoardState.ENABLED) {
                if (state[i] != BoardState.FAILED) {
                    state[i] = BoardState.DISABLED;
                    brownedOut[i] = true;
                }
            }
            drawW[i] = 0;
            levelW[i] = 0;
            workStep[i] = 0;
        }
    }

    /**
     * Advances every board over [tS, tS + dtS): work at the drawn power, die temperature
     * towards its loop's plate temperature, hardware slowdown and shutdown at the end.
     *
     * @param plateC   cold plate temperature of each loop, in °C
     * @param heatJ    accumulates the heat each loop's plates receive this step, in J
     */
    public void advance(double tS, double dtS, double[] plateC, double[] heatJ) {
        double r = spec.thermalResistanceKPerW();
        double c = spec.heatCapacityJPerK();
        if (dtS != decayDtS) {
            decayDtS = dtS;
            decay = Math.exp(-dtS / (r * c));
        }
        double slowdown = spec.slowdownC();
        double release = slowdown - SLOWDOWN_HYSTERESIS_K;
        double shutdown = spec.shutdownC();
        for (int i = 0; i < count; i++) {
            double d = drawW[i];
            double w = workStep[i];
            if (w > 0) {
                work[i] += w;
                totalWork += w;
            }
            double t0 = tempC[i];
            double eq = plateC[loopOf[i]] + d * r;
            double t1 = eq + (t0 - eq) * decay;
            tempC[i] = t1;
            if (t1 > maxTempSeenC) {
                maxTempSeenC = t1;
            }
            heatJ[loopOf[i]] += d * dtS - c * (t1 - t0);
            if (t1 > slowdown || monitor.active(slowdownChannel[i])) {
                monitor.observe(slowdownChannel[i], t1, tS, dtS);
            }
            if (t1 >= shutdown && (state[i] == BoardState.ENABLED || state[i] == BoardState.HUNG
                    || state[i] == BoardState.RESETTING)) {
                state[i] = BoardState.DISABLED;
                tripped[i] = true;
                throttled[i] = false;
                trips++;
                monitor.event(ViolationKind.BOARD_THERMAL_SHUTDOWN, ids[i], tS + dtS, t1, shutdown);
            } else if (t1 >= slowdown) {
                throttled[i] = true;
            } else if (t1 < release) {
                throttled[i] = false;
            }
        }
    }

    // ---- commands (from the hal view) ----

    /**
     * Sets a board's cap (already range-checked), in W, at {@code tS}: in force at once, or when the
     * backend's command path brings it.
     */
    public void setCap(int i, double w, double tS) {
        if (commands.immediate()) {
            capW[i] = w;
        } else {
            commands.submit(i, CommandQueue.Kind.CAP, w, tS);
        }
    }

    /** Sets a board's cap at once (already range-checked), in W. */
    public void setCap(int i, double w) {
        capW[i] = w;
    }

    /** Result of an enable command. */
    public enum EnableResult { OK, FAILED_BOARD, TOO_HOT }

    /**
     * Enables or disables board {@code i} at {@code tS}: checked now (a tripped board stays off until
     * it cools below slowdown), in force at once or when the backend's command path brings it.
     */
    public EnableResult setEnabled(int i, boolean on, double tS) {
        if (state[i] == BoardState.FAILED) {
            return EnableResult.FAILED_BOARD;
        }
        if (on && state[i] == BoardState.DISABLED && tempC[i] >= spec.slowdownC()) {
            return EnableResult.TOO_HOT;
        }
        if (commands.immediate()) {
            setEnabledNow(i, on);
        } else {
            commands.submit(i, CommandQueue.Kind.ENABLE, on ? 1 : 0, tS);
        }
        return EnableResult.OK;
    }

    /** Enables or disables board {@code i} at once. A tripped board stays off until it cools below slowdown. */
    public EnableResult setEnabled(int i, boolean on) {
        if (state[i] == BoardState.FAILED) {
            return EnableResult.FAILED_BOARD;
        }
        if (on && state[i] == BoardState.DISABLED && tempC[i] >= spec.slowdownC()) {
            return EnableResult.TOO_HOT;
        }
        setEnabledNow(i, on);
        return EnableResult.OK;
    }

    private void setEnabledNow(int i, boolean on) {
        if (state[i] == BoardState.FAILED) {
            return;
        }
        if (!on) {
            if (state[i] == BoardState.ENABLED) {
                switchOffs++;
            }
            state[i] = BoardState.DISABLED;
            return;
        }
        if (state[i] == BoardState.DISABLED && tempC[i] < spec.slowdownC()) {
            state[i] = BoardState.ENABLED;
            tripped[i] = false;
            brownedOut[i] = false;
        }
    }

    /**
     * Switches {@code boards} off together at {@code tS} with one command of the backend
     * ({@link Actuation#groupSafeState()}; in force at once when commands take no time). The caller
     * has refused the failed boards, as {@link #setEnabled(int, boolean, double)} does.
     */
    public void switchOffTogether(int[] boards, double tS) {
        if (commands.immediate()) {
            for (int i : boards) {
                setEnabledNow(i, false);
            }
        } else {
            commands.submitGroupOff(boards, tS);
        }
    }

    /** Starts a reset of board {@code i} given at {@code tS} (in force when its command is); false for a failed board. */
    public boolean reset(int i, double tS) {
        if (state[i] == BoardState.FAILED) {
            return false;
        }
        if (commands.immediate()) {
            resetNow(i, tS);
        } else {
            commands.submit(i, CommandQueue.Kind.RESET, 0, tS);
        }
        return true;
    }

    private void resetNow(int i, double tS) {
        if (state[i] == BoardState.FAILED) {
            return;
        }
        state[i] = BoardState.RESETTING;
        resetDoneS[i] = tS + spec.resetS();
        tripped[i] = false;
        brownedOut[i] = false;
        resets++;
    }

    /** The command path (what waits, what has waited). */
    public CommandQueue commands() {
        return commands;
    }

    // ---- faults ----

    /** A single-event upset hangs board {@code i} if it is running; true if it did. */
    public boolean hang(int i) {
        if (state[i] != BoardState.ENABLED) {
            return false;
        }
        state[i] = BoardState.HUNG;
        hangs++;
        return true;
    }

    /** An uncorrectable memory error on board {@code i} if it is powered; true if counted. */
    public boolean eccError(int i) {
        if (state[i] == BoardState.DISABLED || state[i] == BoardState.FAILED) {
            return false;
        }
        ecc[i]++;
        eccErrors++;
        return true;
    }

    /** Board {@code i} fails for good. */
    public void fail(int i) {
        state[i] = BoardState.FAILED;
        throttled[i] = false;
    }

    // ---- views ----

    public int count() {
        return count;
    }

    public int loops() {
        return loops;
    }

    public Boards spec() {
        return spec;
    }

    public ThroughputCurve curve() {
        return curve;
    }

    public String id(int i) {
        return ids[i];
    }

    public int loopOf(int i) {
        return loopOf[i];
    }

    public BoardState state(int i) {
        return state[i];
    }

    public double capW(int i) {
        return capW[i];
    }

    public double tempC(int i) {
        return tempC[i];
    }

    /** Power drawn in the last step (its mean), in W. */
    public double drawW(int i) {
        return drawW[i];
    }

    public double workUnits(int i) {
        return work[i];
    }

    public long ecc(int i) {
        return ecc[i];
    }

    public boolean throttled(int i) {
        return throttled[i];
    }

    public boolean tripped(int i) {
        return tripped[i];
    }

    public boolean brownedOut(int i) {
        return brownedOut[i];
    }

    /** Total work of all boards since the start, in work units (1 = one board-second at full cap). */
    public double totalWork() {
        return totalWork;
    }

    public long hangs() {
        return hangs;
    }

    public long eccErrors() {
        return eccErrors;
    }

    public long resets() {
        return resets;
    }

    public long trips() {
        return trips;
    }

    /**
     * Times a command switched an enabled board off since the start (each one suspends the board's
     * job and cycles the board between idle and load: a controller that chatters shows here).
     */
    public long switchOffs() {
        return switchOffs;
    }

    /** Hottest any board has been since the start, in °C. */
    public double maxTempSeenC() {
        return Math.max(maxTempSeenC, maxTempC());
    }

    /** Hottest board now, in °C (NaN with no boards). */
    public double maxTempC() {
        double m = Double.NaN;
        for (int i = 0; i < count; i++) {
            m = Double.isNaN(m) ? tempC[i] : Math.max(m, tempC[i]);
        }
        return m;
    }

    /** Boards in {@code s} now. */
    public int countIn(BoardState s) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += state[i] == s ? 1 : 0;
        }
        return n;
    }
}
