package io.sunsync.sim.thermal;

import io.sunsync.sim.power.SolarArray;

/**
 * A radiator panel rejecting heat to space: Q = εσA(T⁴ − T_sink⁴), with A the radiating area
 * (both faces of a two-sided panel). Immutable; thread safe.
 *
 * @param emissivity       IR emissivity ε (0..1]
 * @param radiatingAreaM2  radiating area, in m² (twice the panel area for a two-sided panel)
 * @param sinkTempK        effective sink temperature, in K
 */
public record Radiator(double emissivity, double radiatingAreaM2, double sinkTempK) {

    /** Heat rejected at radiator temperature {@code tempK}, in W (negative below the sink temperature). */
    public double rejectedW(double tempK) {
        double t2 = tempK * tempK;
        double s2 = sinkTempK * sinkTempK;
        return emissivity * SolarArray.SIGMA * radiatingAreaM2 * (t2 * t2 - s2 * s2);
    }

    /** The radiator temperature that rejects {@code loadW} in steady state, in K. */
    public double steadyTempK(double loadW) {
        double s2 = sinkTempK * sinkTempK;
        return Math.pow(loadW / (emissivity * SolarArray.SIGMA * radiatingAreaM2) + s2 * s2, 0.25);
    }
}
