package io.sunsync.orbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hipparchus.ode.events.Action;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.propagation.Propagator;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.AbstractAnalyticalPropagator;
import org.orekit.propagation.events.EclipseDetector;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProvider;
import org.orekit.utils.OccultationEngine;

/**
 * Finds the Earth's shadow along a propagated orbit, a piece at a time: umbra and penumbra entry
 * and exit from Orekit's {@link EclipseDetector} (a conical shadow of the WGS-84 ellipsoid, the
 * analytical Sun of {@link OrekitData#sun()}), each located to a millisecond. The scan moves
 * forward by {@link #advanceTo} steps, so a caller on a real-time loop can spread a day's
 * prediction over several cycles; a pass that straddles two steps is assembled across them.
 *
 * <p>The detectors are checked at an interval adapted to the distance from the shadow: the
 * switching function is an angle that changes at most at the orbit's angular rate (bounded here
 * by twice the Keplerian mean motion at perigee), so the next check can wait until the angle
 * could have reached zero, between 1 s and 600 s. No pass of a second or more is missed.
 *
 * <p>Not thread safe: one owner advances a scan.
 */
public final class EclipseScan {
    private static final double MIN_CHECK_S = 1.0;
    private static final double MAX_CHECK_S = 600.0;
    private static final double THRESHOLD_S = 1e-3;
    /** A pass is in the shadow at its deepest, so less than the whole disc shows. */
    private static final double MAX_MIN_LIT = 0.999;

    private final Propagator propagator;
    private final EclipseDetector penumbra;
    private final EclipseDetector umbra;
    private final List<Mark> marks = new ArrayList<>();
    private AbsoluteDate reached;
    private final Instant started;
    private boolean inPenumbra;
    private boolean partial;
    private Instant penumbraStart;
    private Instant umbraStart;
    private Instant umbraEnd;

    private enum Kind { PENUMBRA_IN, PENUMBRA_OUT, UMBRA_IN, UMBRA_OUT }

    private record Mark(AbsoluteDate date, Kind kind) {
    }

    /**
     * Starts a scan of {@code propagator}'s orbit at {@code from}. A pass already under way at
     * {@code from} is not reported (its start is unknown): start a period early to catch it.
     */
    public EclipseScan(Propagator propagator, Instant from) {
        this.propagator = Objects.requireNonNull(propagator, "propagator");
        OneAxisEllipsoid earth = OrekitData.earth();
        ExtendedPositionProvider sun = OrekitData.sun();
        var orbit = propagator.getInitialState().getOrbit();
        double e = Math.min(0.9, orbit.getE());
        double rateRadS = 2 * orbit.getKeplerianMeanMotion() * (1 + e) * (1 + e) / Math.pow(1 - e * e, 1.5);
        EclipseDetector pen = new EclipseDetector(sun, Constants.SUN_RADIUS, earth).withPenumbra();
        EclipseDetector umb = new EclipseDetector(sun, Constants.SUN_RADIUS, earth).withUmbra();
        this.penumbra = pen.withThreshold(THRESHOLD_S)
                .withMaxCheck((s, forward) -> interval(pen.g(s), rateRadS))
                .withHandler((s, d, increasing) -> mark(s, increasing ? Kind.PENUMBRA_OUT : Kind.PENUMBRA_IN));
        this.umbra = umb.withThreshold(THRESHOLD_S)
                .withMaxCheck((s, forward) -> interval(umb.g(s), rateRadS))
                .withHandler((s, d, increasing) -> mark(s, increasing ? Kind.UMBRA_OUT : Kind.UMBRA_IN));
        this.reached = OrekitData.date(from);
        this.started = from;
        propagator.clearEventsDetectors();
        SpacecraftState s0;
        try {
            s0 = propagator.propagate(reached); // no detectors yet: one evaluation, no scan from the epoch
        } catch (RuntimeException ex) {
            throw new ElementsException(ElementsProblem.PROPAGATION_FAILED, "propagation to " + from + " failed: "
                    + ex.getMessage(), ex);
        }
        if (penumbra.g(s0) < 0) {
            inPenumbra = true;
            partial = true; // the start of this pass lies before the scan
        }
        propagator.addEventDetector(this.penumbra);
        propagator.addEventDetector(this.umbra);
    }

    private static double interval(double g, double rateRadS) {
        return Math.max(MIN_CHECK_S, Math.min(MAX_CHECK_S, Math.abs(g) / rateRadS));
    }

    private Action mark(SpacecraftState s, Kind kind) {
        marks.add(new Mark(s.getDate(), kind));
        return Action.CONTINUE;
    }

    /** How far the scan has got. */
    public Instant reached() {
        return OrekitData.instant(reached);
    }

    /** Whether the orbit is in the shadow (umbra or penumbra) where the scan has got. */
    public boolean inShadow() {
        return inPenumbra;
    }

    /**
     * How far the scan has found every pass: {@link #reached()}, or the start of the pass still
     * open there (which is reported once the scan gets past its end), or the scan's first instant
     * when that pass began before it.
     */
    public Instant complete() {
        if (!inPenumbra) {
            return reached();
        }
        return penumbraStart != null ? penumbraStart : started;
    }

    /**
     * Scans on to {@code to} and returns the passes that ended on the way, in time order.
     *
     * @throws ElementsException {@link ElementsProblem#PROPAGATION_FAILED} when the propagator fails
     *                           (e.g. the elements decay)
     */
    public List<EclipsePass> advanceTo(Instant to) {
        AbsoluteDate target = OrekitData.date(to);
        if (!target.isAfter(reached)) {
            return List.of();
        }
        marks.clear();
        try {
            propagator.propagate(reached, target);
        } catch (RuntimeException e) {
            throw new ElementsException(ElementsProblem.PROPAGATION_FAILED, "propagation to " + to + " failed: "
                    + e.getMessage(), e);
        }
        reached = target;
        marks.sort(Comparator.comparing(Mark::date));
        List<EclipsePass> done = new ArrayList<>();
        for (Mark m : marks) {
            Instant t = OrekitData.instant(m.date());
            switch (m.kind()) {
                case PENUMBRA_IN -> {
                    inPenumbra = true;
                    partial = false;
                    penumbraStart = t;
                    umbraStart = null;
                    umbraEnd = null;
                }
                case UMBRA_IN -> umbraStart = t;
                case UMBRA_OUT -> umbraEnd = t;
                case PENUMBRA_OUT -> {
                    if (inPenumbra && !partial && penumbraStart != null) {
                        boolean total = umbraStart != null && umbraEnd != null && umbraEnd.isAfter(umbraStart);
                        done.add(new EclipsePass(penumbraStart, total ? umbraStart : null, total ? umbraEnd : null, t,
                                total ? 0.0 : minLitFraction(penumbraStart, t)));
                    }
                    inPenumbra = false;
                    partial = false;
                    penumbraStart = null;
                    umbraStart = null;
                    umbraEnd = null;
                }
            }
        }
        return done;
    }

    /**
     * The least fraction of the Sun's disc seen between {@code from} and {@code to} (a pass that
     * never reaches the umbra): the separation of the Sun's centre from the limb is searched for its
     * minimum (Brent's search, to a millisecond; it has one minimum in a pass) and the disc's
     * visible part worked out there. Only an analytical propagator (SGP4, Keplerian) can be asked for
     * a past state without running the event detectors again; any other gives 0, the safe answer.
     */
    private double minLitFraction(Instant from, Instant to) {
        if (!(propagator instanceof AbstractAnalyticalPropagator analytical)) {
            return 0.0;
        }
        OccultationEngine engine = penumbra.getOccultationEngine();
        AbsoluteDate a = OrekitData.date(from);
        double spanS = OrekitData.date(to).durationFrom(a);
        UnivariatePointValuePair deepest = new BrentOptimizer(1e-10, THRESHOLD_S).optimize(new MaxEval(200),
                new UnivariateObjectiveFunction(x -> depth(engine, analytical, a.shiftedBy(x))), GoalType.MINIMIZE,
                new SearchInterval(0, spanS));
        OccultationEngine.OccultationAngles at = engine.angles(
                new SpacecraftState(analytical.propagateOrbit(a.shiftedBy(deepest.getPoint()))));
        double lit = SolarDisc.visibleFraction(at.getSeparation(), at.getLimbRadius(), at.getOccultedApparentRadius());
        return Math.max(0.0, Math.min(MAX_MIN_LIT, lit));
    }

    private static double depth(OccultationEngine engine, AbstractAnalyticalPropagator p, AbsoluteDate date) {
        OccultationEngine.OccultationAngles at = engine.angles(new SpacecraftState(p.propagateOrbit(date)));
        return at.getSeparation() - at.getLimbRadius();
    }
}
