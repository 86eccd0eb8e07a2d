package io.sunsync.sim.accel;

import io.sunsync.hal.accel.BoardState;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.ViolationKind;
import io.sunsync.sim.truth.ViolationMonitor;

/**
 * The state of every accelerator board, in arrays for speed: state, cap, die temperature,
 * throttling, work done. Boards always have work (a synthetic training load), so an enabled
 * board draws its cap, or {@code throttleFactor} of it while the hardware slows it down for
 * temperature; a hung or resetting board draws idle power and does no work; a disabled or
 * failed board draws nothing. The die is one thermal node on its loop's cold plate, stepped
 * exactly (exponential) for a constant plate temperature over the step; the heat it passes to
 * the plate is returned per loop so the loop's energy balance closes.
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread.
 */
public final class BoardBank {
    /** Hysteresis below the slowdown temperature before the hardware releases the slowdown, in K. */
    public static final double SLOWDOWN_HYSTERESIS_K = 5.0;

    private final Scenario.Boards spec;
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
    private final ViolationMonitor monitor;
    private double decayDtS = -1;
    private double decay;
    private double totalWork;
    private double maxTempSeenC = Double.NEGATIVE_INFINITY;
    private long hangs;
    private long eccErrors;
    private long resets;
    private long trips;

    /**
     * @param loops        cooling loops; board i is on loop {@code i * loops / count} (contiguous groups)
     * @param initialTempC temperature of every board at the start, in °C
     */
    public BoardBank(Scenario.Boards spec, int loops, double initialTempC, ViolationMonitor monitor) {
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
        for (int i = 0; i < count; i++) {
            ids[i] = Scenario.boardId(i);
            loopOf[i] = (int) ((long) i * loops / count);
            state[i] = BoardState.ENABLED;
            capW[i] = spec.maxCapW();
            tempC[i] = initialTempC;
            cachedDrawW[i] = -1;
            slowdownChannel[i] = monitor.channel(ViolationKind.BOARD_THERMAL_SLOWDOWN, ids[i], spec.slowdownC(), true);
        }
    }

    /** Finishes resets due by {@code tS} and returns the boards' total demand for the coming step, in W. */
    public double demandW(double tS) {
        double sum = 0;
        double idle = spec.idleW();
        double factor = spec.throttleFactor();
        for (int i = 0; i < count; i++) {
            BoardState s = state[i];
            double d;
            if (s == BoardState.ENABLED) {
                d = throttled[i] ? Math.max(idle, capW[i] * factor) : capW[i];
            } else if (s == BoardState.RESETTING) {
                if (tS >= resetDoneS[i]) {
                    state[i] = BoardState.ENABLED;
                    d = throttled[i] ? Math.max(idle, capW[i] * factor) : capW[i];
                } else {
                    d = idle;
                }
            } else if (s == BoardState.HUNG) {
                d = idle;
            } else {
                d = 0;
            }
            drawW[i] = d;
            sum += d;
        }
        return sum;
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
            if (state[i] == BoardState.ENABLED && d > 0) {
                double rel;
                if (d == cachedDrawW[i]) {
                    rel = cachedRel[i];
                } else {
                    rel = curve.relativeAt(d);
                    cachedDrawW[i] = d;
                    cachedRel[i] = rel;
                }
                double w = rel * dtS;
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

    /** Sets a board's cap (already range-checked), in W. */
    public void setCap(int i, double w) {
        capW[i] = w;
    }

    /** Result of an enable command. */
    public enum EnableResult { OK, FAILED_BOARD, TOO_HOT }

    /** Enables or disables board {@code i}. A tripped board stays off until it cools below slowdown. */
    public EnableResult setEnabled(int i, boolean on) {
        if (state[i] == BoardState.FAILED) {
            return EnableResult.FAILED_BOARD;
        }
        if (!on) {
            state[i] = BoardState.DISABLED;
            return EnableResult.OK;
        }
        if (state[i] == BoardState.DISABLED) {
            if (tempC[i] >= spec.slowdownC()) {
                return EnableResult.TOO_HOT;
            }
            state[i] = BoardState.ENABLED;
            tripped[i] = false;
            brownedOut[i] = false;
        }
        return EnableResult.OK;
    }

    /** Starts a reset of board {@code i} at {@code tS}; false for a failed board. */
    public boolean reset(int i, double tS) {
        if (state[i] == BoardState.FAILED) {
            return false;
        }
        state[i] = BoardState.RESETTING;
        resetDoneS[i] = tS + spec.resetS();
        tripped[i] = false;
        brownedOut[i] = false;
        resets++;
        return true;
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

    public Scenario.Boards spec() {
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

    /** Power drawn in the last step, in W. */
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
