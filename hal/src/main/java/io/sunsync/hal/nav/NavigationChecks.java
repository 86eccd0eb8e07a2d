package io.sunsync.hal.nav;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every navigation backend applies to a receiver's solution before handing it on,
 * so a receiver reporting garbage is a fault, never an orbit:
 * <ul>
 *   <li>no 3-D solution: {@link FaultCode#NAV_NO_FIX}, FAILED;</li>
 *   <li>a missing time or a non-finite number: {@link FaultCode#SENSOR_NAN}, FAILED;</li>
 *   <li>a position outside low Earth orbit ({@value #MIN_ALTITUDE_KM}–{@value #MAX_ALTITUDE_KM} km
 *       above the equatorial radius) or an inertial speed outside 5.5–11.2 km/s:
 *       {@link FaultCode#SENSOR_OUT_OF_RANGE}, OUT_OF_RANGE;</li>
 *   <li>position and velocity that together make no orbit (unbound, or a perigee below
 *       {@value #MIN_ALTITUDE_KM} km): {@link FaultCode#NAV_INCONSISTENT}, OUT_OF_RANGE;</li>
 *   <li>a solution further than {@link NavigationSpec#maxFixAgeS()} from the sample time:
 *       {@link FaultCode#SENSOR_STALE}, STALE.</li>
 * </ul>
 * Stateless; thread safe.
 */
public final class NavigationChecks {
    /** Lowest altitude a fix may have, in km. */
    public static final double MIN_ALTITUDE_KM = 100;
    /** Highest altitude a fix may have, in km. */
    public static final double MAX_ALTITUDE_KM = 2500;
    /** WGS-84 equatorial radius, in m. */
    static final double EARTH_RADIUS_M = 6_378_137.0;
    /** WGS-84 gravitational parameter, in m³/s². */
    static final double MU_M3_S2 = 3.986004418e14;
    /** WGS-84 Earth rotation rate, in rad/s. */
    static final double EARTH_RATE_RAD_S = 7.292115e-5;
    private static final double MIN_SPEED_MPS = 5_500;
    private static final double MAX_SPEED_MPS = 11_200;

    private NavigationChecks() {
    }

    /**
     * {@code raw} with the faults these checks find added and its quality lowered to match.
     *
     * @param device the receiver's name in faults (e.g. {@code navigation})
     */
    public static NavigationFix check(NavigationFix raw, NavigationSpec spec, String device) {
        List<HalFault> faults = new ArrayList<>(raw.faults());
        Quality q = raw.quality();
        if (raw.fixType() != FixType.THREE_D) {
            faults.add(new HalFault(FaultCode.NAV_NO_FIX, device, "fix", raw.fixType() == FixType.NONE ? "no solution"
                    : "only a 2-D solution (" + raw.satellitesUsed() + " satellites)", raw.at()));
            return with(raw, Quality.FAILED, faults);
        }
        double[] v = {raw.xM(), raw.yM(), raw.zM(), raw.vxMps(), raw.vyMps(), raw.vzMps()};
        for (double x : v) {
            if (!Double.isFinite(x) || raw.fixTime() == null) {
                faults.add(new HalFault(FaultCode.SENSOR_NAN, device, "fix", "solution without a time or with a "
                        + "non-finite position or velocity", raw.at()));
                return with(raw, Quality.FAILED, faults);
            }
        }
        double r = raw.radiusM();
        double altitudeKm = (r - EARTH_RADIUS_M) / 1000;
        if (!(altitudeKm >= MIN_ALTITUDE_KM && altitudeKm <= MAX_ALTITUDE_KM)) {
            faults.add(new HalFault(FaultCode.SENSOR_OUT_OF_RANGE, device, "position", String.format(java.util.Locale.ROOT,
                    "altitude %.1f km outside [%.0f, %.0f] km", altitudeKm, MIN_ALTITUDE_KM, MAX_ALTITUDE_KM), raw.at()));
            return with(raw, q.worse(Quality.OUT_OF_RANGE), faults);
        }
        // Inertial velocity: the Earth-fixed one plus the frame's rotation, omega x r (omega along z).
        double vx = raw.vxMps() - EARTH_RATE_RAD_S * raw.yM();
        double vy = raw.vyMps() + EARTH_RATE_RAD_S * raw.xM();
        double vz = raw.vzMps();
        double speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
        if (!(speed >= MIN_SPEED_MPS && speed <= MAX_SPEED_MPS)) {
            faults.add(new HalFault(FaultCode.SENSOR_OUT_OF_RANGE, device, "velocity", String.format(java.util.Locale.ROOT,
                    "inertial speed %.0f m/s outside [%.0f, %.0f] m/s", speed, MIN_SPEED_MPS, MAX_SPEED_MPS), raw.at()));
            return with(raw, q.worse(Quality.OUT_OF_RANGE), faults);
        }
        double energy = speed * speed / 2 - MU_M3_S2 / r;
        double perigeeKm = Double.NaN;
        if (energy < 0) {
            double a = -MU_M3_S2 / (2 * energy);
            double hx = raw.yM() * vz - raw.zM() * vy;
            double hy = raw.zM() * vx - raw.xM() * vz;
            double hz = raw.xM() * vy - raw.yM() * vx;
            double h2 = hx * hx + hy * hy + hz * hz;
            double e = Math.sqrt(Math.max(0, 1 - h2 / (MU_M3_S2 * a)));
            perigeeKm = (a * (1 - e) - EARTH_RADIUS_M) / 1000;
        }
        if (!(perigeeKm >= MIN_ALTITUDE_KM)) {
            faults.add(new HalFault(FaultCode.NAV_INCONSISTENT, device, "fix", energy >= 0
                    ? "position and velocity make an escape trajectory"
                    : String.format(java.util.Locale.ROOT, "position and velocity put the perigee at %.0f km", perigeeKm),
                    raw.at()));
            return with(raw, q.worse(Quality.OUT_OF_RANGE), faults);
        }
        double ageS = Duration.between(raw.fixTime(), raw.at()).toMillis() / 1000.0;
        if (Math.abs(ageS) > spec.maxFixAgeS()) {
            faults.add(new HalFault(FaultCode.SENSOR_STALE, device, "fixTime", String.format(java.util.Locale.ROOT,
                    "solution %.1f s %s the sample (at most %.1f s)", Math.abs(ageS), ageS >= 0 ? "before" : "after",
                    spec.maxFixAgeS()), raw.at()));
            q = q.worse(Quality.STALE);
        }
        return with(raw, q, faults);
    }

    private static NavigationFix with(NavigationFix f, Quality q, List<HalFault> faults) {
        return new NavigationFix(f.at(), f.fixTime(), f.xM(), f.yM(), f.zM(), f.vxMps(), f.vyMps(), f.vzMps(), f.fixType(),
                f.satellitesUsed(), f.pdop(), q, faults);
    }
}
