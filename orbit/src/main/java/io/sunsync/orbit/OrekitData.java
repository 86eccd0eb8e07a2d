package io.sunsync.orbit;

import java.time.Instant;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.ClasspathCrawler;
import org.orekit.data.DataContext;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProvider;
import org.orekit.utils.IERSConventions;

/**
 * The Orekit data every sunsync component uses, loaded from this jar, never from the network or
 * a folder outside the build: the UTC−TAI history (leap seconds) in the USNO {@code tai-utc.dat}
 * format, {@code io/sunsync/orbit/data/tai-utc.dat}. That is all the analytical propagators
 * (SGP4/SDP4, Eckstein-Hechler, Brouwer-Lyddane), the analytical Sun and the frames without
 * Earth-orientation data need. No EOP files are shipped: frames fall back to zero Earth
 * orientation corrections (sub-arcsecond, far below what eclipse timing needs).
 *
 * <p>Updating the leap seconds: when the IERS announces one (Bulletin C), append its line to
 * {@code orbit/src/main/resources/io/sunsync/orbit/data/tai-utc.dat} (same columns as the lines
 * before it) and rebuild; {@code OrekitDataTest} checks the offsets at known dates. None is
 * scheduled as of 2026.
 *
 * <p>Thread safe: one context per JVM, built on first use; Orekit's data contexts are safe to
 * share.
 */
public final class OrekitData {
    /** Where the shipped data lives on the class path. */
    public static final String LEAP_SECONDS = "io/sunsync/orbit/data/tai-utc.dat";

    private OrekitData() {
    }

    private static final class Holder {
        static final DataContext CONTEXT = build();

        private static DataContext build() {
            LazyLoadedDataContext context = new LazyLoadedDataContext();
            context.getDataProvidersManager().addProvider(new ClasspathCrawler(OrekitData.class.getClassLoader(),
                    LEAP_SECONDS));
            return context;
        }
    }

    /** The data context: pass it (or its time scales and frames) to every Orekit call. */
    public static DataContext context() {
        return Holder.CONTEXT;
    }

    /** UTC, from the shipped leap-second history. */
    public static TimeScale utc() {
        return context().getTimeScales().getUTC();
    }

    /** {@code t} (UTC, as every sunsync clock keeps time) as an Orekit date. */
    public static AbsoluteDate date(Instant t) {
        return new AbsoluteDate(t, utc());
    }

    /** {@code d} as a UTC instant. */
    public static Instant instant(AbsoluteDate d) {
        return d.toInstant(context().getTimeScales());
    }

    /** The TEME frame of SGP4/SDP4 and of TLEs and OMMs. */
    public static Frame teme() {
        return context().getFrames().getTEME();
    }

    /**
     * The Earth-fixed frame (ITRF, IERS 2010 conventions, simple EOP interpolation); without EOP
     * files its Earth-orientation corrections are zero. GNSS fixes (WGS-84) are taken as ITRF:
     * the two agree to centimetres.
     */
    public static Frame itrf() {
        return context().getFrames().getITRF(IERSConventions.IERS_2010, true);
    }

    /** The Earth as the WGS-84 ellipsoid turning with {@link #itrf()} (oblate: shadows and altitudes). */
    public static OneAxisEllipsoid earth() {
        return new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS, Constants.WGS84_EARTH_FLATTENING, itrf());
    }

    /**
     * The Sun without JPL ephemerides: Orekit's analytical low-precision series (Montenbruck and
     * Gill, <i>Satellite Orbits</i>, section 3.3.2), valid for decades around 2000.
     */
    public static ExtendedPositionProvider sun() {
        return new AnalyticalSolarPositionProvider(context());
    }
}
