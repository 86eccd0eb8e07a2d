package io.sunsync.sim.orbit;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.geometry.euclidean.threed.FieldVector3D;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.models.earth.atmosphere.Atmosphere;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.FieldAbsoluteDate;

/**
 * A density model whose mean is another model's (Harris-Priester for mean solar activity) and
 * which swings with the Sun's 27-day rotation: ρ = ρ_mean × (1 + A sin 2πφ), φ the fractional
 * Carrington rotation number at the date (synodic period 27.2753 days, rotation 1 began
 * 1853-11-09.727, JD 2398140.227), A = σ √2 so that σ is the density's standard deviation about
 * its mean. Density at satellite heights recurs with the solar rotation (King-Hele, "The upper
 * atmosphere and its influence on satellite orbits"), and empirical models are 15-20 % (1σ) off
 * the measured density (Bowman et al., JB2008, AIAA 2008-6438): a drag term fitted over a day
 * (a TLE's B*) cannot follow it, so predictions drift as they do in operations. Immutable; thread
 * safe.
 */
final class SolarRotationAtmosphere implements Atmosphere {
    /** Synodic Carrington rotation period, in s. */
    static final double CARRINGTON_PERIOD_S = 27.2752316 * 86_400.0;
    /** Start of Carrington rotation 1, in s after J2000.0 (JD 2398140.227 − JD 2451545.0). */
    private static final double CARRINGTON_EPOCH_J2000_S = (2398140.227 - 2451545.0) * 86_400.0;

    private final Atmosphere mean;
    private final double amplitude;

    /**
     * @param mean   the mean density model
     * @param sigma  standard deviation of the density about its mean, as a fraction (0 ≤ σ &lt; 0.7)
     */
    SolarRotationAtmosphere(Atmosphere mean, double sigma) {
        if (!(sigma >= 0 && sigma < 0.7)) {
            throw new IllegalArgumentException("sigma must be in [0, 0.7), was " + sigma);
        }
        this.mean = mean;
        this.amplitude = sigma * Math.sqrt(2);
    }

    /** The density factor at {@code date}: 1 + A sin 2πφ. */
    double factor(AbsoluteDate date) {
        double sinceJ2000 = date.durationFrom(AbsoluteDate.J2000_EPOCH) - CARRINGTON_EPOCH_J2000_S;
        double phase = sinceJ2000 / CARRINGTON_PERIOD_S;
        return 1.0 + amplitude * Math.sin(2 * Math.PI * (phase - Math.floor(phase)));
    }

    @Override
    public Frame getFrame() {
        return mean.getFrame();
    }

    @Override
    public double getDensity(AbsoluteDate date, Vector3D position, Frame frame) {
        return mean.getDensity(date, position, frame) * factor(date);
    }

    @Override
    public <T extends CalculusFieldElement<T>> T getDensity(FieldAbsoluteDate<T> date, FieldVector3D<T> position,
                                                             Frame frame) {
        return mean.getDensity(date, position, frame).multiply(factor(date.toAbsoluteDate()));
    }

    @Override
    public Vector3D getVelocity(AbsoluteDate date, Vector3D position, Frame frame) {
        return mean.getVelocity(date, position, frame);
    }

    @Override
    public <T extends CalculusFieldElement<T>> FieldVector3D<T> getVelocity(FieldAbsoluteDate<T> date,
                                                                            FieldVector3D<T> position, Frame frame) {
        return mean.getVelocity(date, position, frame);
    }
}
