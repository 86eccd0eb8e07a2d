package io.sunsync.sim.economy;

import io.sunsync.sim.power.SolarArray;
import io.sunsync.sim.scenario.Boards;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.thermal.Radiator;

/**
 * The thermal hot case of a design, in steady state: the most heat its boards can put into a loop
 * for long (in sunlight, the array at perihelion less the essential loads; in eclipse, the
 * battery's discharge limit less them; never more than every board at its maximum cap), rejected by
 * the loop's share of the radiators, εσA(T⁴ − T_sink⁴) with A both faces of the panels; the fluid
 * above the radiator by Q/G, a board's die above the fluid by its maximum cap × R — the model of
 * {@code io.sunsync.sim.thermal.ThermalNetwork} at rest (its steady state is checked in
 * RadiatorTest). The oracle leaves healthy loops out of its program, so a design search checks this
 * instead: a design whose boards would slow down or whose loop would pass its limit at full power is
 * refused. Immutable.
 *
 * @param boardsHeatW the boards' heat in the hottest loop, in W
 * @param loopHeatW   with its pump, in W
 * @param radiatorC   that loop's radiator, in °C
 * @param fluidC      its fluid, in °C
 * @param dieC        a board's die at its maximum cap, in °C
 * @param loopMaxC    the loop's upper limit, in °C
 * @param slowdownC   the boards' hardware slowdown, in °C
 */
public record HotCase(double boardsHeatW, double loopHeatW, double radiatorC, double fluidC, double dieC,
                      double loopMaxC, double slowdownC) {
    /** Margin a design must keep below both limits in the hot case, in K. */
    public static final double MARGIN_K = 2.0;
    /** Irradiance at perihelion over the mean (1 / 0.98329 AU)². */
    public static final double PERIHELION_FACTOR = 1.0343;

    /** The hot case of {@code s}. */
    public static HotCase of(Scenario s) {
        Scenario.Thermal t = s.thermal();
        Boards b = s.boards();
        double essentialW = DesignCheck.essentialW(s);
        double arrayPeakW = new SolarArray(s.array()).ratedW() * PERIHELION_FACTOR;
        double sustainedW = Math.max(arrayPeakW - essentialW, s.battery().maxDischargeW() - essentialW);
        double allBoardsW = b.count() * b.maxCapW();
        double boardsW = Math.max(0, Math.min(allBoardsW, sustainedW));
        int hottest = (int) Math.ceil((double) b.count() / t.loops());
        double loopBoardsW = b.count() == 0 ? 0 : boardsW * hottest / b.count();
        double loopW = loopBoardsW + t.pumpW();
        Radiator share = new Radiator(t.emissivity(), 2.0 * t.radiatorAreaM2() / t.loops(), t.sinkTempK());
        double radiatorC = share.steadyTempK(loopW) - 273.15;
        double fluidC = radiatorC + loopW / t.loopConductanceWPerK();
        double dieC = fluidC + b.maxCapW() * b.thermalResistanceKPerW();
        return new HotCase(loopBoardsW, loopW, radiatorC, fluidC, dieC, t.loopMaxC(), b.slowdownC());
    }

    /** The smaller of the two margins, in K (negative: a limit is passed). */
    public double marginK() {
        return Math.min(loopMaxC - fluidC, slowdownC - dieC);
    }

    /** True when both limits keep at least {@link #MARGIN_K}. */
    public boolean holds() {
        return marginK() >= MARGIN_K;
    }
}
