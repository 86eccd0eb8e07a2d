package io.sunsync.flight.orbit;

/**
 * How far an eclipse time predicted from mean elements may be off: the timing error of the
 * shadow model itself plus the elements' along-track error, which grows linearly with their age,
 * turned into time at the orbital speed:
 * <pre>
 *   uncertaintyS = shadowModelErrorS + (alongTrackErrorM + alongTrackGrowthMPerDay * |age in days|) / speedMps
 * </pre>
 * The model is how TLE accuracy is published: about a kilometre at epoch for a low Earth orbit
 * (T. S. Kelso, "Validation of SGP4 and IS-GPS-200D against GPS precision ephemerides", AAS
 * 07-127, 2007), the along-track component dominating and growing with age, by some 0.5 to 2 km
 * a day at 400-550 km under average solar activity and more in storms (see also T. Flohrer, H.
 * Krag, H. Klinkrad, "Assessment and categorization of TLE orbit errors for the US SSN catalogue",
 * AMOS 2008). The defaults (1 km, 2 km/day) take the top of that range for a 650 km orbit, where
 * drag is weaker; the satellite also measures its real error at every eclipse (see
 * {@code EclipseForecaster}) and never plans with a band narrower than that. At 7.5 km/s a
 * kilometre is 0.13 s. Immutable.
 *
 * @param alongTrackErrorM        along-track error at the epoch, in m
 * @param alongTrackGrowthMPerDay its growth per day of age, in m/day
 * @param shadowModelErrorS       the shadow model's own timing error, in s
 */
public record PredictionUncertainty(double alongTrackErrorM, double alongTrackGrowthMPerDay, double shadowModelErrorS) {
    public PredictionUncertainty {
        if (!(alongTrackErrorM >= 0 && alongTrackGrowthMPerDay >= 0 && shadowModelErrorS >= 0)) {
            throw new IllegalArgumentException("uncertainty terms must be >= 0");
        }
    }

    /**
     * The band of an eclipse predicted {@code ageDays} from the elements' epoch, for a satellite
     * moving at {@code speedMps}, in s.
     */
    public double uncertaintyS(double ageDays, double speedMps) {
        return shadowModelErrorS + (alongTrackErrorM + alongTrackGrowthMPerDay * Math.abs(ageDays)) / speedMps;
    }
}
