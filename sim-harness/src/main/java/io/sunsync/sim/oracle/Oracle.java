package io.sunsync.sim.oracle;

import io.sunsync.sim.fault.FaultKind;
import io.sunsync.sim.orbit.TruthOrbit;
import io.sunsync.sim.power.SolarArray;
import io.sunsync.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An upper bound on the useful work any controller could do in a scenario with perfect
 * foresight, inside the same limits (battery floor and rates, cap ranges, loop temperature
 * limits). A linear program over time segments, solved with ojAlgo:
 * <ul>
 * <li>per segment: the boards' power B and work rate W on each loop, battery charge C and
 *     discharge D (bus side), battery energy E at the segment's end;</li>
 * <li>bus: ΣB + essential + C − D ≤ mean array output (the rest is curtailed);</li>
 * <li>battery: E_k = E_{k−1} + (η_c C − D/η_d) Δt, floor ≤ E ≤ capacity, C ≤ max charge, D ≤ max discharge;</li>
 * <li>work: W ≤ a_j B + b_j n for every line j of the concave envelope of a board's throughput
 *     that may also be switched off (boards time-shared between off and a cap), n·offW ≤ B ≤ n·maxCap
 *     (an off board draws {@link Plant#offW()}: its idle power where the driver cannot power it off);</li>
 * <li>a loop whose pump has failed: the heat it stores, S_k = S_{k−1} + (B + pump − R) Δt with
 *     R ≤ what the residual conductance can pass, may not exceed its heat capacity times the
 *     span from its coolest operating point to its limit.</li>
 * </ul>
 * Every simplification relaxes the real problem, so the result stays an upper bound: inputs
 * averaged over a segment (segments never mix sunlight and eclipse), the envelope (fractional
 * boards), the array temperature taken at full extraction (the coolest it can be, so its most
 * output), random faults ignored, commands in force at once and the boards' draw following them
 * without lag (the scenario's actuation latency and time constant: any schedule with them is one
 * without them), and the horizon cut into windows of about a day, each after
 * the first starting from any battery state and coupled to the next only by a price on the energy
 * at the boundary (a Lagrangian relaxation; the programs stay small). Static; thread safe.
 */
public final class Oracle {
    static {
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true"); // ojAlgo's hardware-profile banner on stdout
        }
    }

    /**
     * How finely to cut the run.
     *
     * @param maxSunlitSegmentS  longest sunlit segment, in s
     * @param maxEclipseSegmentS longest eclipse segment, in s
     * @param windowS            target window length, in s (a window ends at the first eclipse entry after it)
     * @param couplingPrice      price of battery energy at window boundaries, in work units per Wh
     *                           (negative: the marginal value of stored energy, {@link #storedEnergyValue})
     */
    public record Options(double maxSunlitSegmentS, double maxEclipseSegmentS, double windowS, double couplingPrice) {
        /** 10-minute sunlit segments, whole eclipses, windows of about 6 hours priced at the stored energy's value. */
        public static Options defaults() {
            return new Options(600, 3600, 6 * 3600, -1);
        }
    }

    private Oracle() {
    }

    /** The bound for {@code scenario} with the default options. */
    public static OracleResult bound(Scenario scenario) {
        return bound(scenario, Options.defaults());
    }

    /** The bound for {@code scenario}. */
    public static OracleResult bound(Scenario scenario, Options options) {
        long t0 = System.nanoTime();
        List<Segment> segments = segments(scenario, options);
        Plant plant = Plant.of(scenario);
        List<List<Segment>> windows = windows(segments, options.windowS());
        // Windows are coupled by a price on the battery energy at each boundary (Lagrangian relaxation:
        // any prices give an upper bound). At an eclipse entry stored energy is worth its marginal value
        // in the coming eclipse, which makes the decomposition tight; elsewhere (a cut in long sunlight,
        // the battery full and cheap to refill) it is worth nothing.
        double price = options.couplingPrice() >= 0 ? options.couplingPrice() : storedEnergyValue(plant);
        double[] boundaryPrice = new double[windows.size()];
        for (int w = 0; w + 1 < windows.size(); w++) {
            List<Segment> win = windows.get(w);
            boolean atEclipseEntry = win.get(win.size() - 1).sunlit() && !windows.get(w + 1).get(0).sunlit();
            boundaryPrice[w] = atEclipseEntry ? price : 0.0;
        }
        Solution[] solved = solveWindows(windows, plant, boundaryPrice);
        double best = 0;
        double boardWh = 0;
        double curtailedWh = 0;
        for (Solution sol : solved) {
            best += sol.value();
            boardWh += sol.boardEnergyWh();
            curtailedWh += sol.curtailedWh();
        }
        double work = best;
        String method = "LP (ojAlgo) over " + segments.size() + " segments in " + windows.size()
                + " windows" + (windows.size() > 1 ? String.format(java.util.Locale.ROOT,
                " (boundaries at eclipse entry priced at %.2f work units/Wh)", price) : "")
                + "; concave envelope with boards off; segment-mean inputs";
        return new OracleResult(work, boardWh, curtailedWh, segments.size(), windows.size(),
                (System.nanoTime() - t0) / 1e9, method);
    }

    /** Windows are independent programs once priced: solved in parallel, returned in order. */
    private static Solution[] solveWindows(List<List<Segment>> windows, Plant plant, double[] boundaryPrice) {
        Solution[] solved = new Solution[windows.size()];
        java.util.stream.IntStream.range(0, windows.size()).parallel().forEach(w ->
                solved[w] = solve(windows.get(w), plant, w == 0 ? plant.initialEnergyWh() : Double.NaN,
                        w == 0 ? 0.0 : boundaryPrice[w - 1], boundaryPrice[w], w > 0, w < windows.size() - 1));
        return solved;
    }

    /**
     * The work a stored watt-hour is worth at the margin: delivered through the discharge
     * efficiency to boards at their most efficient operating point, in work units per Wh.
     */
    public static double storedEnergyValue(Plant plant) {
        double[][] env = plant.envelope();
        double bestSlope = (env[1][1] - env[1][0]) / (env[0][1] - env[0][0]); // work units per W·s at the margin
        return bestSlope * 3600.0 * plant.dischargeEfficiency();
    }

    /**
     * The work a joule of heat headroom in a loop whose pump has failed is worth at the margin:
     * one more joule its boards may dissipate, at their most efficient operating point, in work
     * units per J.
     */
    static double heatHeadroomValue(Plant plant) {
        double[][] env = plant.envelope();
        return (env[1][1] - env[1][0]) / (env[0][1] - env[0][0]);
    }

    /**
     * One window's optimum.
     *
     * @param value         the program's optimum: work plus the value of the battery energy left at the end
     *                      less the price of the energy at a free start (equal to the work when unpriced)
     * @param workUnits     work in the optimal schedule, in work units
     * @param boardEnergyWh board energy, in Wh
     * @param curtailedWh   array energy left unused, in Wh
     */
    public record Solution(double value, double workUnits, double boardEnergyWh, double curtailedWh) {
    }

    /**
     * Solves the program over {@code segments}.
     *
     * @param startEnergyWh battery energy at the start, in Wh, or NaN for any state in [floor, capacity]
     */
    public static Solution solve(List<Segment> segments, Plant plant, double startEnergyWh) {
        return solve(segments, plant, startEnergyWh, 0.0, 0.0);
    }

    /**
     * Solves the program over {@code segments} with prices on the battery energy at its ends:
     * the objective gains {@code endPrice} per Wh left at the end and pays {@code startPrice}
     * per Wh at a free start (a Lagrangian relaxation of the coupling between windows; the
     * returned work excludes these terms, {@link Solution#workUnits()} is the work alone and
     * {@code objective} the priced value that bounds).
     */
    static Solution solve(List<Segment> segments, Plant plant, double startEnergyWh, double startPrice,
                          double endPrice) {
        return solve(segments, plant, startEnergyWh, startPrice, endPrice, false, false);
    }

    /**
     * As {@link #solve(List, Plant, double, double, double)}, and for loops whose pump has failed:
     * with {@code freeHeatStart} the heat stored at the start is free (paid for at the value of
     * heat headroom), with {@code priceHeatEnd} the heat left at the end is charged at that value.
     */
    static Solution solve(List<Segment> segments, Plant plant, double startEnergyWh, double startPrice,
                          double endPrice, boolean freeHeatStart, boolean priceHeatEnd) {
        if (segments.isEmpty()) {
            return new Solution(0, 0, 0, 0);
        }
        double[][] env = plant.envelope();
        int lines = env[0].length - 1;
        double[] slope = new double[lines];
        double[] intercept = new double[lines];
        for (int j = 0; j < lines; j++) {
            slope[j] = (env[1][j + 1] - env[1][j]) / (env[0][j + 1] - env[0][j]);
            intercept[j] = env[1][j] - slope[j] * env[0][j];
        }
        double maxCap = plant.curve().maxW();
        int loops = segments.get(0).boardsPerLoop().length;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Expression objective = model.addExpression("work").weight(1.0);
        List<Variable> boardVars = new ArrayList<>();
        List<Double> boardHours = new ArrayList<>();
        List<Variable> curtailVars = new ArrayList<>();
        List<Variable> workVars = new ArrayList<>();
        List<Double> workSeconds = new ArrayList<>();
        List<Double> curtailHours = new ArrayList<>();
        Variable prevE = null;
        Variable[] prevS = new Variable[loops];
        double etaC = plant.chargeEfficiency();
        double etaD = plant.dischargeEfficiency();
        LossCuts chargeLoss = LossCuts.charge(plant);
        LossCuts dischargeLoss = LossCuts.discharge(plant);
        for (Segment seg : segments) {
            double h = seg.durationS() / 3600.0;
            double floorWh = seg.capacityWh() * plant.floorPct() / 100.0;
            Variable c = model.addVariable().lower(0).upper(plant.maxChargeW());
            Variable d = model.addVariable().lower(0).upper(plant.maxDischargeW());
            double eLow = Double.isNaN(startEnergyWh) ? floorWh : Math.min(floorWh, startEnergyWh);
            Variable e = model.addVariable().lower(eLow).upper(seg.capacityWh());
            Variable curtail = model.addVariable().lower(0);
            Expression bus = model.addExpression().set(c, 1).set(d, -1).set(curtail, 1)
                    .level(seg.arrayW() - seg.essentialW());
            for (int g = 0; g < loops; g++) {
                int n = seg.boardsPerLoop()[g];
                // Every board draws at least what it draws switched off (its idle power where the driver
                // cannot power it off).
                Variable b = model.addVariable().lower(n * plant.offW()).upper(n * maxCap);
                Variable w = model.addVariable().lower(0);
                for (int j = 0; j < lines; j++) {
                    model.addExpression().set(w, 1).set(b, -slope[j]).upper(intercept[j] * n);
                }
                bus.set(b, 1);
                objective.set(w, seg.durationS());
                workVars.add(w);
                workSeconds.add(seg.durationS());
                boardVars.add(b);
                boardHours.add(h);
                if (seg.pumpFailed()[g]) {
                    double store = plant.loopHeatCapacityJPerK() * plant.loopStoreK();
                    Variable r = model.addVariable().lower(0).upper(plant.pumpOffRejectW());
                    Variable s = model.addVariable().lower(-store).upper(store);
                    Expression heat = model.addExpression().set(s, 1).set(b, -seg.durationS()).set(r, seg.durationS());
                    if (prevS[g] == null && freeHeatStart && seg == segments.get(0)) {
                        // Heat already stored when the window opens: any state, paid for at the value of headroom.
                        Variable s0 = model.addVariable().lower(-store).upper(store);
                        heat.set(s0, -1).level(plant.pumpW() * seg.durationS());
                        objective.set(s0, heatHeadroomValue(plant));
                    } else if (prevS[g] == null) {
                        heat.level(plant.pumpW() * seg.durationS() - store);
                    } else {
                        heat.set(prevS[g], -1).level(plant.pumpW() * seg.durationS());
                    }
                    prevS[g] = s;
                } else {
                    prevS[g] = null;
                }
            }
            curtailVars.add(curtail);
            curtailHours.add(h);
            Expression balance = model.addExpression().set(e, 1).set(c, -etaC * h).set(d, h / etaD);
            // The cells' I²R losses, from below (tangents of a convex under-estimate): a relaxation.
            if (chargeLoss != null) {
                balance.set(chargeLoss.add(model, c, etaC), h);
                balance.set(dischargeLoss.add(model, d, 1 / etaD), h);
            }
            Variable startE;
            if (prevE == null) {
                if (Double.isNaN(startEnergyWh)) {
                    Variable e0 = model.addVariable().lower(floorWh).upper(seg.capacityWh());
                    balance.set(e0, -1).level(0);
                    objective.set(e0, -startPrice);
                    startE = e0;
                } else {
                    balance.level(startEnergyWh);
                    startE = null;
                }
            } else {
                balance.set(prevE, -1).level(0);
                startE = prevE;
            }
            // The charger's taper: what the battery takes falls linearly in its energy above the taper's
            // start, to the termination current at full. Bounded at the segment's start energy (the most
            // it takes over the segment), plus the termination current (so also above what it takes at full).
            double taper = plant.taperStartPct() / 100.0;
            if (taper < 1) {
                double termW = Math.min(plant.maxChargeW(), plant.terminationC() * seg.capacityWh());
                double perWh = (plant.maxChargeW() - termW) / (seg.capacityWh() * (1 - taper));
                double limit = termW + perWh * seg.capacityWh();
                if (startE != null) {
                    model.addExpression().set(c, 1).set(startE, perWh).upper(limit);
                } else {
                    c.upper(Math.min(plant.maxChargeW(), Math.max(0, limit - perWh * startEnergyWh)));
                }
            }
            prevE = e;
        }
        objective.set(prevE, endPrice);
        if (priceHeatEnd) {
            for (Variable sEnd : prevS) {
                if (sEnd != null) {
                    objective.set(sEnd, -heatHeadroomValue(plant)); // heat left behind uses up the next window's headroom
                }
            }
        }
        Optimisation.Result result = model.maximise();
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("oracle program not solved: " + result.getState()
                    + " (the essential loads may exceed what the array and battery can carry)");
        }
        double boardWh = 0;
        for (int i = 0; i < boardVars.size(); i++) {
            boardWh += result.doubleValue(model.indexOf(boardVars.get(i))) * boardHours.get(i);
        }
        double curtailedWh = 0;
        for (int i = 0; i < curtailVars.size(); i++) {
            curtailedWh += result.doubleValue(model.indexOf(curtailVars.get(i))) * curtailHours.get(i);
        }
        double value = result.getValue();
        // Work alone: the objective less the boundary terms.
        double work = 0;
        for (int i = 0; i < workVars.size(); i++) {
            work += result.doubleValue(model.indexOf(workVars.get(i))) * workSeconds.get(i);
        }
        return new Solution(value, work, boardWh, curtailedWh);
    }

    /**
     * Cuts the scenario into segments: the orbit and array propagated at the scenario's step
     * with the array fully loaded, split at every sunlight/eclipse change, at scripted faults
     * that change the plant, and at the maximum segment lengths.
     */
    public static List<Segment> segments(Scenario scenario, Options options) {
        SolarArray array = new SolarArray(scenario.array());
        TruthOrbit truth = scenario.truthOrbit();
        int loops = scenario.thermal().loops();
        int boardCount = scenario.boards().count();
        int[] perLoop = new int[loops];
        for (int i = 0; i < boardCount; i++) {
            perLoop[(int) ((long) i * loops / boardCount)]++;
        }
        boolean[] pumpFailed = new boolean[loops];
        boolean[] boardFailed = new boolean[boardCount];
        int strings = scenario.array().strings();
        int cellStrings = scenario.battery().cellStrings();
        double capacityWh = scenario.battery().capacityWh();
        List<Scenario.Fault> faults = new ArrayList<>(scenario.faults());
        faults.removeIf(f -> !changesPlant(f.kind()));
        faults.sort((a, b) -> Double.compare(a.atS(), b.atS()));
        int nextFault = 0;
        double essentialW = scenario.bus().housekeepingW() + loops * scenario.thermal().pumpW();
        double step = scenario.stepS();
        double duration = scenario.durationS();
        double arrayTempC = scenario.thermal().initialTempC();
        double yearsInOrbit = scenario.array().yearsInOrbit();
        List<Segment> out = new ArrayList<>();
        double segStart = 0;
        double segEnergyJ = 0;
        boolean segSunlit = truth.litFraction(0) > 0;
        double t = 0;
        while (t < duration) {
            double dt = Math.min(step, duration - t);
            boolean changed = false;
            while (nextFault < faults.size() && faults.get(nextFault).atS() <= t) {
                Scenario.Fault f = faults.get(nextFault++);
                switch (f.kind()) {
                    case STRING_LOSS -> strings = Math.max(0, strings - f.count());
                    case PUMP_FAILURE -> pumpFailed[Scenario.loopIndex(f.target(), loops)] = true;
                    case BOARD_FAILURE -> {
                        int i = Scenario.boardIndex(f.target(), boardCount);
                        if (!boardFailed[i]) {
                            boardFailed[i] = true;
                            perLoop[(int) ((long) i * loops / boardCount)]--;
                        }
                    }
                    case BATTERY_CELL_LOSS -> {
                        int lost = Math.min(f.count(), cellStrings);
                        capacityWh *= (double) (cellStrings - lost) / Math.max(1, cellStrings);
                        cellStrings -= lost;
                    }
                    default -> {
                    }
                }
                changed = true;
            }
            double irradiance = truth.irradianceWm2(t);
            boolean sunlit = irradiance > 0;
            double maxLen = segSunlit ? options.maxSunlitSegmentS() : options.maxEclipseSegmentS();
            if (t > segStart && (changed || sunlit != segSunlit || t - segStart >= maxLen)) {
                out.add(new Segment(segStart, t - segStart, segEnergyJ / (t - segStart), segSunlit, essentialW,
                        perLoop, pumpFailed, capacityWh));
                segStart = t;
                segEnergyJ = 0;
                segSunlit = sunlit;
            }
            double availW = array.availableW(irradiance, arrayTempC, yearsInOrbit + t / (365.25 * 86_400), strings);
            segEnergyJ += availW * dt;
            arrayTempC = array.nextTempC(arrayTempC, irradiance, availW / scenario.array().areaM2(), dt);
            t += dt;
        }
        if (t > segStart) {
            out.add(new Segment(segStart, t - segStart, segEnergyJ / (t - segStart), segSunlit, essentialW, perLoop,
                    pumpFailed, capacityWh));
        }
        return out;
    }

    private static boolean changesPlant(FaultKind kind) {
        return kind == FaultKind.STRING_LOSS || kind == FaultKind.PUMP_FAILURE || kind == FaultKind.BOARD_FAILURE
                || kind == FaultKind.BATTERY_CELL_LOSS;
    }

    /** Groups segments into windows of about {@code windowS}, each ending at an eclipse entry where possible. */
    static List<List<Segment>> windows(List<Segment> segments, double windowS) {
        List<List<Segment>> out = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        double start = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (current.isEmpty()) {
                start = s.startS();
            }
            current.add(s);
            boolean eclipseNext = i + 1 < segments.size() && s.sunlit() && !segments.get(i + 1).sunlit();
            boolean tooLong = s.startS() + s.durationS() - start >= 2 * windowS;
            if ((s.startS() + s.durationS() - start >= windowS && eclipseNext) || tooLong) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * The battery's resistive loss as a function of the power at its terminals, from below: the
     * loss R·I² is at least R·P²/V² with V the highest voltage the terminals see (the open-circuit
     * voltage at full on discharge; that plus the drop at the highest charge current on charge),
     * and a convex function is at least each of its tangents. Tangents at a quarter, half, three
     * quarters and all of the rate limit. Immutable.
     */
    private record LossCuts(double coefficient, double[] at) {
        static LossCuts charge(Plant p) {
            if (p.resistanceOhm() <= 0) {
                return null;
            }
            double maxW = p.maxChargeW() * p.chargeEfficiency();
            double v = p.nominalV() + p.resistanceOhm() * maxW / p.nominalV();
            return new LossCuts(p.resistanceOhm() / (v * v), points(maxW));
        }

        static LossCuts discharge(Plant p) {
            if (p.resistanceOhm() <= 0) {
                return null;
            }
            double maxW = p.maxDischargeW() / p.dischargeEfficiency();
            return new LossCuts(p.resistanceOhm() / (p.nominalV() * p.nominalV()), points(maxW));
        }

        private static double[] points(double maxW) {
            return new double[] {0.25 * maxW, 0.5 * maxW, 0.75 * maxW, maxW};
        }

        /**
         * A loss variable, in W, at least every tangent of k·P² at the points, where P = {@code scale} ×
         * {@code power} is the terminal power.
         */
        Variable add(ExpressionsBasedModel model, Variable power, double scale) {
            Variable loss = model.addVariable().lower(0);
            for (double p0 : at) {
                // loss ≥ k·(2·p0·P − p0²)
                model.addExpression().set(loss, 1).set(power, -2 * coefficient * p0 * scale).lower(-coefficient * p0 * p0);
            }
            return loss;
        }
    }

    /** Test hook: the lines of the envelope as {slope, intercept} pairs. */
    static double[][] envelopeLines(Plant plant) {
        double[][] env = plant.envelope();
        double[][] lines = new double[env[0].length - 1][2];
        for (int j = 0; j < lines.length; j++) {
            lines[j][0] = (env[1][j + 1] - env[1][j]) / (env[0][j + 1] - env[0][j]);
            lines[j][1] = env[1][j] - lines[j][0] * env[0][j];
        }
        return lines;
    }

    static String describe(List<Segment> segments) {
        return Arrays.toString(segments.stream().mapToDouble(Segment::durationS).toArray());
    }
}
