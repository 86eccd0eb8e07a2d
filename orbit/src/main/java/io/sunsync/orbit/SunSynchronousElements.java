package io.sunsync.orbit;

import java.time.Instant;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

/**
 * Nominal mean elements of a circular sun-synchronous orbit: what a mission's design says before
 * any tracking (altitude, local time of the ascending node), as SGP4 elements. The inclination is
 * the J2 sun-synchronous one (cos i = -(2/3) (dΩ/dt) / (J2 (R/a)² n), dΩ/dt one turn per tropical
 * year), the node sits {@code ltanHours - 12} hours of right ascension east of the Sun at the
 * epoch. Use it for tests and to bootstrap a rehearsal; a flight-dynamics team uplinks elements
 * fitted to tracking instead. Stateless.
 */
public final class SunSynchronousElements {
    private static final double J2 = 1.08262668e-3;
    private static final double TROPICAL_YEAR_S = 365.2421897 * 86_400;

    private SunSynchronousElements() {
    }

    /**
     * @param epoch      the elements' epoch
     * @param altitudeKm altitude above the equatorial radius, in km
     * @param ltanHours  local time of the ascending node, in hours (18: dawn-dusk)
     * @param noradId    catalogue number (1..99999)
     * @param argOfLatitudeDeg where the satellite is at the epoch, from the ascending node, in degrees
     */
    public static TLE of(Instant epoch, double altitudeKm, double ltanHours, int noradId, double argOfLatitudeDeg) {
        AbsoluteDate d = OrekitData.date(epoch);
        var sun = OrekitData.sun().getPosition(d, OrekitData.teme());
        double raan = Math.atan2(sun.getY(), sun.getX()) + Math.toRadians((ltanHours - 12) * 15);
        double a = Constants.WGS84_EARTH_EQUATORIAL_RADIUS + altitudeKm * 1000;
        double n = Math.sqrt(Constants.WGS84_EARTH_MU / (a * a * a));
        double r = Constants.WGS84_EARTH_EQUATORIAL_RADIUS / a;
        double cosI = -(2.0 / 3.0) * (2 * Math.PI / TROPICAL_YEAR_S) / (J2 * r * r * n);
        double twoPi = 2 * Math.PI;
        return new TLE(noradId, 'U', 2027, 42, "A", TLE.DEFAULT, 999, d, n, 0, 0, 1e-4, Math.acos(cosI), Math.PI / 2,
                ((raan % twoPi) + twoPi) % twoPi, ((Math.toRadians(argOfLatitudeDeg) - Math.PI / 2) % twoPi + twoPi) % twoPi,
                1200, 2.5e-5, OrekitData.utc());
    }
}
