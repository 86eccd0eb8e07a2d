package io.sunsync.orbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.Frame;
import org.orekit.orbits.CartesianOrbit;
import org.orekit.orbits.PositionAngleType;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.propagation.analytical.tle.generation.FixedPointTleGenerationAlgorithm;
import org.orekit.propagation.analytical.tle.generation.LeastSquaresTleGenerationAlgorithm;
import org.orekit.propagation.analytical.tle.generation.TleGenerationAlgorithm;
import org.orekit.propagation.conversion.FiniteDifferencePropagatorConverter;
import org.orekit.propagation.conversion.TLEPropagatorBuilder;
import org.orekit.utils.Constants;
import org.orekit.utils.TimeStampedPVCoordinates;

/**
 * Fits SGP4 mean elements to a trajectory: position and velocity samples (from GNSS fixes, or
 * from a truth orbit) are matched in the least-squares sense by Orekit's
 * {@link FiniteDifferencePropagatorConverter} over a {@link TLEPropagatorBuilder}, started from
 * the elements of the last sample alone ({@link TLE#stateToTLE} with the fixed-point algorithm).
 * The epoch is the last sample's time. Fitting many samples averages their noise: from fixes
 * with 10 m and 0.1 m/s of noise, one orbit of samples every 100 s predicts a day ahead to about
 * a hundred metres, where elements from a single fix are off by kilometres (see
 * {@code TleFitTest}).
 *
 * <p>Stateless; thread safe.
 */
public final class TleFit {
    /** Convergence threshold of the least-squares fit, in m of position residual. */
    private static final double THRESHOLD_M = 1e-3;
    private static final int MAX_ITERATIONS = 100;
    /** Convergence threshold of the retries, in m (far below what the fit's residual is anyway). */
    private static final double RETRY_THRESHOLD_M = 1.0;

    private TleFit() {
    }

    /**
     * One position and velocity sample.
     *
     * @param t        when
     * @param position position in {@code frame}, in m
     * @param velocity velocity in {@code frame}, in m/s
     */
    public record Sample(Instant t, Vector3D position, Vector3D velocity) {
        public Sample {
            Objects.requireNonNull(t, "t");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(velocity, "velocity");
        }
    }

    /**
     * The fitted elements and how well they fit.
     *
     * @param elements    the elements, epoch at the last sample
     * @param rmsM        root-mean-square position residual over the samples, in m
     * @param evaluations propagator evaluations the fit took
     */
    public record Result(TLE elements, double rmsM, int evaluations) {
    }

    /**
     * Fits elements to {@code samples} given in {@code frame} (e.g. {@link OrekitData#itrf()} for
     * GNSS fixes, any inertial frame for a truth orbit).
     *
     * @param template     identification to carry (catalogue number, designator, B*, ...): its
     *                     orbit is replaced; may be null (catalogue number 99999, B* 0)
     * @param positionOnly fit positions only (velocities unused)
     * @throws ElementsException {@link ElementsProblem#PROPAGATION_FAILED} when fewer than 6 samples
     *                           are given or the fit does not converge
     */
    public static Result fit(List<Sample> samples, Frame frame, TLE template, boolean positionOnly) {
        return fit(samples, frame, template, positionOnly, false);
    }

    /**
     * As {@link #fit(List, Frame, TLE, boolean)}, and with {@code fitDrag} the drag term B* is fitted
     * too (started from the template's), as a flight-dynamics team fits it to a day or more of
     * tracking; without it B* stays the template's.
     */
    public static Result fit(List<Sample> samples, Frame frame, TLE template, boolean positionOnly, boolean fitDrag) {
        if (samples.size() < 6) {
            throw new ElementsException(ElementsProblem.PROPAGATION_FAILED, "a fit needs at least 6 samples, got "
                    + samples.size());
        }
        Frame teme = OrekitData.teme();
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(Sample::t));
        List<SpacecraftState> states = new ArrayList<>(sorted.size());
        for (Sample s : sorted) {
            var pv = new TimeStampedPVCoordinates(OrekitData.date(s.t()), s.position(), s.velocity());
            var inTeme = frame.getTransformTo(teme, pv.getDate()).transformPVCoordinates(pv);
            states.add(new SpacecraftState(new CartesianOrbit(inTeme, teme, Constants.WGS84_EARTH_MU)));
        }
        TLE seed = template != null ? template : new TLE(99999, 'U', 2000, 1, "A", TLE.DEFAULT, 1,
                states.get(0).getDate(), 0.0011, 0, 0, 0.001, 1.7, 0, 0, 0, 0, 0, OrekitData.utc());
        // Orekit's fixed-point mean-element generation (fast) fails to converge for some states of a
        // drag- and harmonics-perturbed orbit ("unable to compute TLE mean parameters"), and a 1 mm
        // threshold can outlast the converter's iterations; as a flight-dynamics team would, try again
        // damped with more iterations and a looser threshold, then by least squares.
        List<RuntimeException> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            TleGenerationAlgorithm algorithm = switch (attempt) {
                case 0 -> new FixedPointTleGenerationAlgorithm(FixedPointTleGenerationAlgorithm.EPSILON_DEFAULT,
                        FixedPointTleGenerationAlgorithm.MAX_ITERATIONS_DEFAULT, FixedPointTleGenerationAlgorithm.SCALE_DEFAULT,
                        OrekitData.utc(), teme);
                case 1 -> new FixedPointTleGenerationAlgorithm(FixedPointTleGenerationAlgorithm.EPSILON_DEFAULT, 1000, 0.5,
                        OrekitData.utc(), teme);
                default -> new LeastSquaresTleGenerationAlgorithm(1000, OrekitData.utc(), teme);
            };
            double thresholdM = attempt == 0 ? THRESHOLD_M : RETRY_THRESHOLD_M;
            try {
                TLE first = TLE.stateToTLE(states.get(states.size() - 1), seed, algorithm);
                TLEPropagatorBuilder builder = new TLEPropagatorBuilder(first, PositionAngleType.MEAN, 1.0,
                        OrekitData.context(), algorithm);
                FiniteDifferencePropagatorConverter converter = new FiniteDifferencePropagatorConverter(builder,
                        thresholdM, MAX_ITERATIONS);
                TLEPropagator fitted = (TLEPropagator) (fitDrag ? converter.convert(states, positionOnly, TLE.B_STAR)
                        : converter.convert(states, positionOnly));
                return new Result(fitted.getTLE(), converter.getRMS(), converter.getEvaluations());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        RuntimeException last = failures.get(failures.size() - 1);
        ElementsException refused = new ElementsException(ElementsProblem.PROPAGATION_FAILED, "the fit did not converge "
                + "(fixed point, damped fixed point, least squares): " + last.getMessage(), last);
        failures.subList(0, failures.size() - 1).forEach(refused::addSuppressed);
        throw refused;
    }
}
