package io.sunsync.sim.thermal;

import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.ViolationKind;
import io.sunsync.sim.truth.ViolationMonitor;

/**
 * The lumped thermal network of the pumped loops: per loop, one node for the fluid and cold
 * plates and one for the radiator panels. Boards' heat enters the fluid (see
 * {@code BoardBank}); the fluid passes it to the radiator through the loop's conductance
 * (pump running, throttled by a thermostatic radiator bypass valve that keeps the fluid at
 * least at its set point) or a small residual conductance (pump off or failed); the radiator
 * rejects εσA(T⁴ − T_sink⁴) to space. Pumps' and heaters' electrical power ends up in the
 * fluid. A hardware survival thermostat switches a loop's heater on when its fluid comes within
 * {@link #SURVIVAL_ON_K} of the loop's minimum, whatever flight commands. Explicit steps (stable for the step sizes a scenario allows).
 *
 * <p>Owned by one {@code SimSatellite}; confined to its thread.
 */
public final class ThermalNetwork {
    /** Temperature band over which the bypass valve goes from closed to fully open, in K. */
    public static final double BYPASS_BAND_K = 5.0;
    /** Smallest bypass valve opening (leakage). */
    public static final double BYPASS_MIN_OPENING = 0.005;
    /** The survival thermostat switches a loop's heater on this far above the loop's minimum, in K. */
    public static final double SURVIVAL_ON_K = 5.0;
    /** ... and off again this far above it, in K. */
    public static final double SURVIVAL_OFF_K = 10.0;

    private final Scenario.Thermal spec;
    private final int loops;
    private final Radiator radiator;
    private final double[] fluidC;
    private final double[] radiatorC;
    private final boolean[] pumpOn;
    private final boolean[] pumpFailed;
    private final boolean[] heaterOn;
    private final boolean[] thermostat;
    private final int[] overChannel;
    private final int[] underChannel;
    private final ViolationMonitor monitor;
    private double rejectedJ;
    private double heaterJ;
    private double pumpJ;
    private double boardHeatJ;

    public ThermalNetwork(Scenario.Thermal spec, ViolationMonitor monitor) {
        this.spec = spec;
        this.loops = spec.loops();
        this.monitor = monitor;
        this.radiator = new Radiator(spec.emissivity(), 2.0 * spec.radiatorAreaM2() / loops, spec.sinkTempK());
        fluidC = new double[loops];
        radiatorC = new double[loops];
        pumpOn = new boolean[loops];
        pumpFailed = new boolean[loops];
        heaterOn = new boolean[loops];
        thermostat = new boolean[loops];
        overChannel = new int[loops];
        underChannel = new int[loops];
        for (int l = 0; l < loops; l++) {
            fluidC[l] = spec.initialTempC();
            radiatorC[l] = spec.initialTempC();
            pumpOn[l] = true;
            overChannel[l] = monitor.channel(ViolationKind.LOOP_OVER_TEMPERATURE, Scenario.loopName(l), spec.loopMaxC(),
                    true);
            underChannel[l] = monitor.channel(ViolationKind.LOOP_UNDER_TEMPERATURE, Scenario.loopName(l),
                    spec.loopMinC(), false);
        }
    }

    /** Electrical power the pumps and heaters draw from the bus now, in W. */
    public double electricalW() {
        double w = 0;
        for (int l = 0; l < loops; l++) {
            w += (pumpOn[l] ? spec.pumpW() : 0) + (heaterOn[l] || thermostat[l] ? spec.heaterW() : 0);
        }
        return w;
    }

    /**
     * Advances the loops over [tS, tS + dtS).
     *
     * @param boardHeatJ heat the boards passed to each loop's plates over the step, in J
     * @param powered    false when the bus could not carry the pumps and heaters this step
     */
    public void advance(double tS, double dtS, double[] boardHeatJ, boolean powered) {
        for (int l = 0; l < loops; l++) {
            boolean moving = powered && pumpOn[l] && !pumpFailed[l];
            double g;
            if (moving) {
                double opening = (fluidC[l] - (spec.bypassSetpointC() - BYPASS_BAND_K / 2)) / BYPASS_BAND_K;
                opening = Math.max(BYPASS_MIN_OPENING, Math.min(1.0, opening));
                g = spec.loopConductanceWPerK() * opening;
            } else {
                g = spec.pumpOffConductanceWPerK();
            }
            double pumpHeat = powered && pumpOn[l] ? spec.pumpW() : 0;
            double heater = powered && (heaterOn[l] || thermostat[l]) ? spec.heaterW() : 0;
            double toRadiatorW = g * (fluidC[l] - radiatorC[l]);
            double outW = radiator.rejectedW(radiatorC[l] + 273.15);
            fluidC[l] += (boardHeatJ[l] / dtS + pumpHeat + heater - toRadiatorW) * dtS / spec.fluidHeatCapacityJPerK();
            radiatorC[l] += (toRadiatorW - outW) * dtS / spec.radiatorHeatCapacityJPerK();
            rejectedJ += outW * dtS;
            heaterJ += heater * dtS;
            pumpJ += pumpHeat * dtS;
            this.boardHeatJ += boardHeatJ[l];
            if (fluidC[l] < spec.loopMinC() + SURVIVAL_ON_K) {
                thermostat[l] = true;
            } else if (fluidC[l] > spec.loopMinC() + SURVIVAL_OFF_K) {
                thermostat[l] = false;
            }
            monitor.observe(overChannel[l], fluidC[l], tS, dtS);
            monitor.observe(underChannel[l], fluidC[l], tS, dtS);
        }
    }

    public boolean setPump(int loop, boolean on) {
        pumpOn[loop] = on;
        return true;
    }

    public void setHeater(int loop, boolean on) {
        heaterOn[loop] = on;
    }

    /** The loop's pump stops moving fluid for good. */
    public void failPump(int loop) {
        pumpFailed[loop] = true;
    }

    public int loops() {
        return loops;
    }

    public Scenario.Thermal spec() {
        return spec;
    }

    /** The radiator share of one loop. */
    public Radiator radiator() {
        return radiator;
    }

    public double fluidC(int loop) {
        return fluidC[loop];
    }

    /** Fluid temperatures of every loop (the live array: do not modify), in °C. */
    public double[] plateTemps() {
        return fluidC;
    }

    public double radiatorC(int loop) {
        return radiatorC[loop];
    }

    public boolean pumpOn(int loop) {
        return pumpOn[loop];
    }

    public boolean pumpFailed(int loop) {
        return pumpFailed[loop];
    }

    /** The loop's heater is on now (commanded, or held on by the survival thermostat). */
    public boolean heaterOn(int loop) {
        return heaterOn[loop] || thermostat[loop];
    }

    /** Coolant flow now, in L/min (60 with the pump moving fluid). */
    public double flowLpm(int loop) {
        return pumpOn[loop] && !pumpFailed[loop] ? 60.0 : 0.0;
    }

    /** Heat rejected to space since the start, in J. */
    public double rejectedJ() {
        return rejectedJ;
    }

    /** Heat the boards passed to the loops since the start, in J. */
    public double boardHeatJ() {
        return boardHeatJ;
    }

    /** Heater energy since the start, in J. */
    public double heaterJ() {
        return heaterJ;
    }

    /** Pump heat since the start, in J. */
    public double pumpJ() {
        return pumpJ;
    }
}
