package io.sunsync.orbit;

/**
 * How much of the Sun's disc a satellite sees past the Earth's limb, from the apparent angles
 * (separation of the two centres, the Earth's limb radius, the Sun's apparent radius). The discs
 * are small, so their overlap is that of two plane circles. Shared by the sim's truth shadow and
 * the on-board prediction so that both mean the same by "lit fraction". Stateless.
 */
public final class SolarDisc {
    private SolarDisc() {
    }

    /**
     * The fraction of a disc of apparent radius {@code sunRad} left visible by an occulting disc
     * of apparent radius {@code limbRad} whose centre is {@code sepRad} away (all in rad): 1 minus
     * the area of overlap of two circles over the Sun's disc.
     */
    public static double visibleFraction(double sepRad, double limbRad, double sunRad) {
        if (sepRad >= limbRad + sunRad) {
            return 1.0;
        }
        if (sepRad <= limbRad - sunRad) {
            return 0.0;
        }
        if (sepRad <= sunRad - limbRad) {
            // annular: the occulting disc lies inside the Sun's (never for the Earth from orbit)
            return 1.0 - (limbRad * limbRad) / (sunRad * sunRad);
        }
        double a = sunRad;
        double b = limbRad;
        double c = sepRad;
        double alpha = Math.acos(clamp((c * c + a * a - b * b) / (2 * a * c)));
        double beta = Math.acos(clamp((c * c + b * b - a * a) / (2 * b * c)));
        double k = (-c + a + b) * (c + a - b) * (c - a + b) * (c + a + b);
        double overlap = a * a * alpha + b * b * beta - 0.5 * Math.sqrt(Math.max(0, k));
        return Math.max(0.0, Math.min(1.0, 1.0 - overlap / (Math.PI * a * a)));
    }

    private static double clamp(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }
}
