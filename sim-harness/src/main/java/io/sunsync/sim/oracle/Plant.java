package io.sunsync.sim.oracle;

import io.sunsync.sim.accel.ThroughputCurve;
import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.Scenario;

/**
 * What the oracle knows of the satellite besides the segments: battery limits, the boards'
 * throughput curve, and each loop's thermal limits. Immutable.
 *
 * @param initialEnergyWh      battery energy at the start, in Wh
 * @param floorPct             depth-of-discharge floor, in % of capacity
 * @param chargeEfficiency     stored / drawn while charging
 * @param dischargeEfficiency  delivered / taken while discharging
 * @param maxChargeW           charge-rate limit (bus side), in W
 * @param maxDischargeW        discharge-rate limit (bus side), in W
 * @param curve                the boards' throughput curve
 * @param pumpW                electrical power of a running pump, dissipated in its loop, in W
 * @param loopHeatCapacityJPerK heat one loop can store per K (fluid, plates and its boards), in J/K
 * @param loopStoreK           how many K a loop may warm from its coolest operating point to its limit
 * @param pumpOffRejectW       most heat a loop with a failed pump can pass to its radiator, in W
 * @param resistanceOhm        the battery's internal resistance with every cell string online, in Ω (0: none)
 * @param nominalV             the bus's nominal voltage, the battery's open-circuit voltage at full, in V
 * @param taperStartPct        state of charge where the charger's constant-voltage taper starts, in % (100: none)
 * @param terminationC         the charger's termination current, as a C-rate
 * @param offW                 what a board switched off draws, in W: its idle power where the driver cannot
 *                             power it off (the scenario's {@code actuation.disabledDrawsIdle}), else 0
 */
public record Plant(double initialEnergyWh, double floorPct, double chargeEfficiency, double dischargeEfficiency,
                    double maxChargeW, double maxDischargeW, ThroughputCurve curve, double pumpW,
                    double loopHeatCapacityJPerK, double loopStoreK, double pumpOffRejectW, double resistanceOhm,
                    double nominalV, double taperStartPct, double terminationC, double offW) {

    /** A plant whose battery has no internal resistance and no charge taper. */
    public Plant(double initialEnergyWh, double floorPct, double chargeEfficiency, double dischargeEfficiency,
                 double maxChargeW, double maxDischargeW, ThroughputCurve curve, double pumpW,
                 double loopHeatCapacityJPerK, double loopStoreK, double pumpOffRejectW) {
        this(initialEnergyWh, floorPct, chargeEfficiency, dischargeEfficiency, maxChargeW, maxDischargeW, curve, pumpW,
                loopHeatCapacityJPerK, loopStoreK, pumpOffRejectW, 0, 1, 100, 0, 0);
    }

    /** A board's concave envelope with boards that may be switched off (to {@link #offW()}), as {@link ThroughputCurve#envelopeWithOff(double)}. */
    public double[][] envelope() {
        return curve.envelopeWithOff(offW);
    }

    /** The plant of {@code scenario}. */
    public static Plant of(Scenario scenario) {
        Scenario.Battery b = scenario.battery();
        Scenario.Thermal t = scenario.thermal();
        Boards bd = scenario.boards();
        int loops = t.loops();
        double boardsPerLoop = Math.ceil((double) bd.count() / loops);
        double capacity = t.fluidHeatCapacityJPerK() + boardsPerLoop * bd.heatCapacityJPerK();
        // Coolest operating point: the bypass valve holds the fluid near its set point.
        double coolest = Math.max(t.loopMinC(), t.bypassSetpointC() - io.sunsync.sim.thermal.ThermalNetwork.BYPASS_BAND_K / 2);
        double storeK = Math.max(0, t.loopMaxC() - coolest);
        // A failed pump leaves only the residual conductance, to a radiator no colder than the sink.
        double offReject = t.pumpOffConductanceWPerK() * (t.loopMaxC() - (t.sinkTempK() - 273.15));
        return new Plant(b.capacityWh() * b.initialSocPct() / 100.0, b.floorPct(), b.chargeEfficiency(),
                b.dischargeEfficiency(), b.maxChargeW(), b.maxDischargeW(), bd.curve(), t.pumpW(), capacity, storeK,
                offReject, b.internalResistanceOhm(), scenario.bus().nominalV(), b.taperStartPct(), b.terminationC(),
                scenario.actuation().disabledDrawsIdle() ? bd.idleW() : 0);
    }
}
