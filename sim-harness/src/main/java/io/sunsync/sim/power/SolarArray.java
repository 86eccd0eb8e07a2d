package io.sunsync.sim.power;

import io.sunsync.sim.scenario.Scenario;

/**
 * The solar array's electrical and thermal model: maximum-power-point output from area,
 * cell efficiency, packing, irradiance, cell temperature (linear coefficient), age
 * (compound degradation) and strings online; and the array's temperature as one thermal node
 * per m² (absorbed sunlight and Earth IR in, electrical output and IR from both faces out).
 * Sun-tracking: normal incidence whenever sunlit. Immutable; thread safe.
 */
public final class SolarArray {
    /** Stefan-Boltzmann constant, in W/(m²·K⁴). */
    public static final double SIGMA = 5.670374419e-8;

    private final Scenario.Array spec;
    private final double areaEffectiveM2;

    public SolarArray(Scenario.Array spec) {
        this.spec = spec;
        this.areaEffectiveM2 = spec.areaM2() * spec.efficiency() * spec.packingFactor();
    }

    /** The parameters. */
    public Scenario.Array spec() {
        return spec;
    }

    /** Rated output at 1361 W/m², {@code refTempC}, beginning of life, all strings, in W. */
    public double ratedW() {
        return areaEffectiveM2 * 1361.0;
    }

    /**
     * Maximum-power-point output, in W.
     *
     * @param irradianceWm2 sunlight on the array (0 in eclipse), in W/m²
     * @param tempC         cell temperature, in °C
     * @param ageYears      time in orbit, in years
     * @param stringsOnline strings delivering power
     */
    public double availableW(double irradianceWm2, double tempC, double ageYears, int stringsOnline) {
        if (irradianceWm2 <= 0 || stringsOnline <= 0) {
            return 0.0;
        }
        double temp = Math.max(0.0, 1.0 + spec.tempCoeffPerC() * (tempC - spec.refTempC()));
        double age = Math.pow(1.0 - spec.degradationPerYear(), ageYears);
        return areaEffectiveM2 * irradianceWm2 * temp * age * stringsOnline / spec.strings();
    }

    /**
     * The array temperature after {@code dtS} seconds (explicit step of the per-m² node).
     *
     * @param tempC         temperature now, in °C
     * @param irradianceWm2 sunlight on the array, in W/m²
     * @param electricWm2   electrical power taken off per m² of array, in W/m²
     */
    public double nextTempC(double tempC, double irradianceWm2, double electricWm2, double dtS) {
        double tK = tempC + 273.15;
        double absorbed = spec.absorptance() * irradianceWm2 + spec.earthIrWm2();
        double emitted = (spec.frontEmissivity() + spec.backEmissivity()) * SIGMA * tK * tK * tK * tK;
        return tempC + (absorbed - electricWm2 - emitted) * dtS / spec.heatCapacityJPerM2K();
    }
}
