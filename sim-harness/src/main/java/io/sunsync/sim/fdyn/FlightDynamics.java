package io.sunsync.sim.fdyn;

import io.sunsync.hal.time.Seconds;
import io.sunsync.orbit.OrekitData;
import io.sunsync.orbit.TleFit;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.sim.orbit.EclipseEphemeris;
import io.sunsync.sim.orbit.TruthOrbit;
import io.sunsync.sim.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orekit.data.DataContext;
import org.orekit.files.ccsds.definitions.BodyFacade;
import org.orekit.files.ccsds.definitions.FrameFacade;
import org.orekit.files.ccsds.definitions.TimeSystem;
import org.orekit.files.ccsds.ndm.WriterBuilder;
import org.orekit.files.ccsds.ndm.odm.KeplerianElements;
import org.orekit.files.ccsds.ndm.odm.OdmHeader;
import org.orekit.files.ccsds.ndm.odm.omm.Omm;
import org.orekit.files.ccsds.ndm.odm.omm.OmmData;
import org.orekit.files.ccsds.ndm.odm.omm.OmmMetadata;
import org.orekit.files.ccsds.ndm.odm.omm.OmmTle;
import org.orekit.files.ccsds.ndm.odm.omm.OmmWriter;
import org.orekit.files.ccsds.section.Segment;
import org.orekit.files.ccsds.utils.generation.KvnGenerator;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.attitudes.FrameAlignedProvider;
import org.orekit.frames.Frame;
import org.orekit.orbits.PositionAngleType;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.TimeStampedPVCoordinates;

/**
 * A flight-dynamics team for one simulated satellite: from the truth orbit it fits and issues the
 * elements (TLE and CCSDS OMM) and the eclipse ephemeris that the ground would uplink.
 *
 * <p><b>Elements</b>: SGP4 mean elements and B* fitted by least squares (Orekit's
 * {@link TleFit}: Orekit's finite-difference propagator conversion over a TLE builder) to the truth's
 * positions every {@value #FIT_STEP_S} s over the span before the epoch (a day by default), as an
 * orbit determination on a day of tracking would; the first guess comes from the osculating state
 * at the epoch (Orekit's fixed-point TLE generation) and is then refined by the fit, so the elements
 * carry the mean motion, eccentricity and drag the truth actually showed, and SGP4's model error
 * with respect to the truth (higher zonal harmonics, Harris-Priester drag) is real and grows with
 * the elements' age. Ageing: {@link #elementsAged(Duration)} issues the elements of an epoch
 * before the scenario start.
 *
 * <p><b>Eclipse ephemeris</b>: the ground's prediction of the shadow passages, taken from the
 * truth (a precise orbit determination propagated with the same force models predicts eclipse
 * times to a second or so over a day; {@code shiftS} models a prediction that is early or late).
 *
 * <p>Thread safe: fits are cached per epoch and span under this object's lock; the truth is shared.
 */
public final class FlightDynamics {
    /** Default fit span, in s (one day of positions). */
    public static final double DEFAULT_FIT_SPAN_S = 86_400.0;
    /** Spacing of the fitted positions, in s. */
    public static final double FIT_STEP_S = 120.0;
    /** NORAD catalogue number given to the simulated satellite (the 99xxx range is not assigned to real objects). */
    public static final int DEFAULT_SATELLITE_NUMBER = 99_001;
    private static final int MAX_CACHED_FITS = 64;

    private final TruthOrbit truth;
    private final String objectName;
    private final int satelliteNumber;
    private final Map<List<Object>, FittedElements> fits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, FittedElements> eldest) {
            return size() > MAX_CACHED_FITS;
        }
    };

    /**
     * The team for {@code truth}.
     *
     * @param truth           the truth orbit
     * @param objectName      the satellite's name in the OMM
     * @param satelliteNumber its catalogue number in the TLE (1..99999)
     */
    public FlightDynamics(TruthOrbit truth, String objectName, int satelliteNumber) {
        if (truth == null || objectName == null || objectName.isBlank()) {
            throw new IllegalArgumentException("truth and objectName are required");
        }
        if (satelliteNumber < 1 || satelliteNumber > 99_999) {
            throw new IllegalArgumentException("satelliteNumber must be in 1..99999, was " + satelliteNumber);
        }
        this.truth = truth;
        this.objectName = objectName;
        this.satelliteNumber = satelliteNumber;
    }

    /** The teams of the last few truths (a team holds its truth, so the map is bounded, not weak). */
    private static final Map<TruthOrbit, FlightDynamics> SHARED = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TruthOrbit, FlightDynamics> eldest) {
            return size() > 8;
        }
    };

    /** The team for {@code scenario}'s truth orbit (shared per truth, so fits are made once). */
    public static FlightDynamics of(Scenario scenario) {
        TruthOrbit truth = scenario.truthOrbit();
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(truth, t -> new FlightDynamics(t, "SUNSYNC " + scenario.name().toUpperCase(
                    java.util.Locale.ROOT), DEFAULT_SATELLITE_NUMBER));
        }
    }

    /** The truth orbit. */
    public TruthOrbit truth() {
        return truth;
    }

    // ------------------------------------------------------------------ elements

    /** Elements at {@code epoch}, fitted to the day of truth before it. */
    public FittedElements elements(Instant epoch) {
        return elements(epoch, DEFAULT_FIT_SPAN_S);
    }

    /** Elements aged {@code age} at the scenario start: fitted at epoch start − age. */
    public FittedElements elementsAged(Duration age) {
        if (age == null || age.isNegative()) {
            throw new IllegalArgumentException("age must be >= 0, was " + age);
        }
        return elements(truth.start().minus(age));
    }

    /**
     * Elements at {@code epoch}, fitted to the truth's positions over [epoch − fitSpanS, epoch].
     *
     * @param fitSpanS length of the fitted span, in s (at least two orbits, 3 h, to see the mean
     *                 motion; at most 7 days)
     */
    public FittedElements elements(Instant epoch, double fitSpanS) {
        if (!(fitSpanS >= 3 * 3600 && fitSpanS <= 7 * 86_400)) {
            throw new IllegalArgumentException("fitSpanS must be in [10800, 604800] s, was " + fitSpanS);
        }
        List<Object> key = List.of(epoch, fitSpanS);
        synchronized (fits) {
            FittedElements cached = fits.get(key);
            if (cached != null) {
                return cached;
            }
        }
        FittedElements fitted = fit(epoch, fitSpanS);
        synchronized (fits) {
            fits.put(key, fitted);
        }
        return fitted;
    }

    private FittedElements fit(Instant epoch, double fitSpanS) {
        DataContext ctx = OrekitData.context();
        Frame eme2000 = ctx.getFrames().getEME2000();
        List<TleFit.Sample> samples = new ArrayList<>();
        int n = (int) Math.floor(fitSpanS / FIT_STEP_S);
        for (int i = n; i >= 0; i--) {
            Instant t = epoch.minus(Seconds.of(i * FIT_STEP_S));
            TimeStampedPVCoordinates pv = truth.pv(t, eme2000);
            samples.add(new TleFit.Sample(t, pv.getPosition(), pv.getVelocity()));
        }
        int year = epoch.atZone(ZoneOffset.UTC).getYear();
        TLE template = new TLE(satelliteNumber, 'U', year % 100, 1, "A", TLE.DEFAULT, 1, OrekitData.date(epoch), 0, 0,
                0, 0, 0, 0, 0, 0, 0, 1e-4, OrekitData.utc());
        TleFit.Result result = TleFit.fit(samples, eme2000, template, true, true);
        TLE tle = result.elements();
        return new FittedElements(epoch, tle.getLine1(), tle.getLine2(), omm(tle, ctx), fitSpanS, samples.size(),
                result.rmsM(), tle.getBStar());
    }

    /** The CCSDS OMM (KVN) of {@code tle}. */
    private String omm(TLE tle, DataContext ctx) {
        OdmHeader header = new OdmHeader();
        header.setFormatVersion(OmmWriter.CCSDS_OMM_VERS);
        header.setCreationDate(tle.getDate());
        header.setOriginator("SUNSYNC FLIGHT DYNAMICS (SIM)");
        OmmMetadata metadata = new OmmMetadata();
        metadata.setObjectName(objectName);
        metadata.setObjectID(String.format("%04d-%03d%s", 2000 + tle.getLaunchYear(), tle.getLaunchNumber(),
                tle.getLaunchPiece()));
        metadata.setCenter(new BodyFacade("EARTH", null));
        metadata.setReferenceFrame(FrameFacade.map(ctx.getFrames().getTEME()));
        metadata.setTimeSystem(TimeSystem.UTC);
        metadata.setMeanElementTheory(OmmMetadata.SGP_SGP4_THEORY);
        KeplerianElements kep = new KeplerianElements();
        kep.setEpoch(tle.getDate());
        kep.setMeanMotion(tle.getMeanMotion());
        kep.setE(tle.getE());
        kep.setI(tle.getI());
        kep.setRaan(tle.getRaan());
        kep.setPa(tle.getPerigeeArgument());
        kep.setAnomaly(tle.getMeanAnomaly());
        kep.setAnomalyType(PositionAngleType.MEAN);
        kep.setMu(TLEPropagator.getMU());
        OmmTle block = new OmmTle();
        block.setEphemerisType(TLE.DEFAULT);
        block.setClassificationType(tle.getClassification());
        block.setNoradID(tle.getSatelliteNumber());
        block.setElementSetNo(tle.getElementNumber());
        block.setRevAtEpoch(tle.getRevolutionNumberAtEpoch());
        block.setBStar(tle.getBStar());
        block.setMeanMotionDot(tle.getMeanMotionFirstDerivative());
        block.setMeanMotionDotDot(tle.getMeanMotionSecondDerivative());
        OmmData data = new OmmData(kep, null, block, null, null, Double.NaN);
        Omm omm = new Omm(header, List.of(new Segment<>(metadata, data)), IERSConventions.IERS_2010, ctx);
        StringBuilder out = new StringBuilder();
        try {
            new WriterBuilder(ctx).buildOmmWriter().writeMessage(new KvnGenerator(out, OmmWriter.KVN_PADDING_WIDTH,
                    objectName + ".omm", Constants.JULIAN_DAY, 60), omm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * How far SGP4 on {@code elements} is from the truth at {@code t}: the position difference in
     * the truth's radial / along-track / cross-track frame.
     */
    public PredictionError predictionError(FittedElements elements, Instant t) {
        Frame eme2000 = OrekitData.context().getFrames().getEME2000();
        TLE tle = new TLE(elements.line1(), elements.line2(), OrekitData.utc());
        TLEPropagator sgp4 = TLEPropagator.selectExtrapolator(tle, new FrameAlignedProvider(OrekitData.teme()), 1000.0,
                OrekitData.teme());
        Vector3D predicted = sgp4.getPVCoordinates(OrekitData.date(t), eme2000).getPosition();
        TimeStampedPVCoordinates truthPv = truth.pv(t, eme2000);
        Vector3D r = truthPv.getPosition();
        Vector3D v = truthPv.getVelocity();
        Vector3D radial = r.normalize();
        Vector3D cross = Vector3D.crossProduct(r, v).normalize();
        Vector3D along = Vector3D.crossProduct(cross, radial);
        Vector3D d = predicted.subtract(r);
        double alongM = d.dotProduct(along);
        return new PredictionError(t, Duration.between(elements.epoch(), t).toNanos() / 86_400e9, d.getNorm(),
                d.dotProduct(radial), alongM, d.dotProduct(cross), alongM / v.getNorm());
    }

    /**
     * SGP4 on fitted elements against the truth at one instant. Immutable.
     *
     * @param t             the instant
     * @param daysFromEpoch time since the elements' epoch, in days
     * @param positionM     distance between the two positions, in m
     * @param radialM       its radial component (SGP4 above the truth: +), in m
     * @param alongTrackM   its along-track component (SGP4 ahead of the truth: +), in m
     * @param crossTrackM   its cross-track component, in m
     * @param alongTrackS   the along-track error as time, in s (SGP4 ahead: predicted events come early)
     */
    public record PredictionError(Instant t, double daysFromEpoch, double positionM, double radialM,
                                  double alongTrackM, double crossTrackM, double alongTrackS) {
    }

    // ------------------------------------------------------------------ eclipse ephemeris

    /**
     * The ground's eclipse ephemeris as windows from penumbra entry to exit, announced {@code shiftS}
     * seconds late (negative: early): {@link EclipseEphemeris#predict(TruthOrbit, Instant, Instant, double)}.
     */
    public List<EclipseEphemeris.Window> ephemeris(Instant from, Instant to, double shiftS) {
        return EclipseEphemeris.predict(truth, from, to, shiftS);
    }

    /** The ground's eclipse ephemeris: every shadow passage under way between {@code from} and {@code to}. */
    public List<EclipsePass> eclipses(Instant from, Instant to) {
        return truth.eclipses(from, to);
    }

    /**
     * The ground's eclipse ephemeris with every time moved by {@code shiftS} (positive: the
     * prediction is late, the real eclipse comes earlier than announced), for the passages under way
     * between {@code from} and {@code to} (before the shift).
     */
    public List<EclipsePass> eclipses(Instant from, Instant to, double shiftS) {
        if (!Double.isFinite(shiftS)) {
            throw new IllegalArgumentException("shiftS must be finite, was " + shiftS);
        }
        long nanos = Math.round(shiftS * 1e9);
        return truth.eclipses(from, to).stream().map(e -> nanos == 0 ? e : e.shifted(nanos)).toList();
    }
}
