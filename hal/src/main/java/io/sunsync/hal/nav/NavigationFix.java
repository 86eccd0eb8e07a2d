package io.sunsync.hal.nav;

import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One navigation solution: position and velocity in the Earth-fixed WGS-84 frame (ECEF, as GNSS
 * receivers report them) at the solution's time. Positions in m, velocities in m/s (Earth-fixed,
 * so without the Earth's rotation).
 *
 * @param at             when the sample was taken (mission time)
 * @param fixTime        the solution's time (UTC), or null without a solution
 * @param xM             ECEF position x, in m
 * @param yM             ECEF position y, in m
 * @param zM             ECEF position z, in m
 * @param vxMps          ECEF velocity x, in m/s
 * @param vyMps          ECEF velocity y, in m/s
 * @param vzMps          ECEF velocity z, in m/s
 * @param fixType        the kind of solution
 * @param satellitesUsed navigation satellites in the solution (&ge; 0)
 * @param pdop           position dilution of precision (NaN when unknown)
 * @param quality        how far the fix may be trusted (usable: GOOD or STALE)
 * @param faults         what was wrong with it (empty when all is well)
 */
public record NavigationFix(Instant at, Instant fixTime, double xM, double yM, double zM, double vxMps, double vyMps,
                            double vzMps, FixType fixType, int satellitesUsed, double pdop, Quality quality,
                            List<HalFault> faults) {
    public NavigationFix {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(fixType, "fixType");
        Objects.requireNonNull(quality, "quality");
        faults = List.copyOf(faults);
    }

    /** A sample without a solution, carrying {@code fault}. */
    public static NavigationFix none(Instant at, HalFault fault) {
        return new NavigationFix(at, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                FixType.NONE, 0, Double.NaN, Quality.FAILED, List.of(fault));
    }

    /** Whether flight may use this fix for its orbit: a 3-D solution of usable quality. */
    public boolean usable() {
        return fixType == FixType.THREE_D && quality == Quality.GOOD;
    }

    /** Distance from the Earth's centre, in m. */
    public double radiusM() {
        return Math.sqrt(xM * xM + yM * yM + zM * zM);
    }

    /** Earth-fixed speed, in m/s. */
    public double speedMps() {
        return Math.sqrt(vxMps * vxMps + vyMps * vyMps + vzMps * vzMps);
    }
}
