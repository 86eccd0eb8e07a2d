package io.sunsync.orbit;

import org.orekit.data.ClasspathCrawler;
import org.orekit.data.DataContext;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.time.TimeScale;

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
}
