package io.sunsync.sim.orbit;

/**
 * The satellite's situation at one instant. Immutable.
 *
 * @param xM            Earth-centred inertial position x, in m
 * @param yM            position y, in m
 * @param zM            position z, in m
 * @param latitudeDeg   geocentric latitude of the sub-satellite point, in degrees
 * @param longitudeDeg  longitude of the sub-satellite point, in degrees (-180..180, east positive)
 * @param sunlit        true when any of the Sun's disc is visible (outside the umbra)
 * @param litFraction   fraction of the Sun's disc visible: 1 in full Sun, 0 in the umbra, between in the penumbra
 * @param betaRad       beta angle (Sun elevation above the orbit plane), in rad
 * @param irradianceWm2 solar irradiance at the Sun's distance, in W/m² (whether or not sunlit)
 */
public record OrbitPoint(double xM, double yM, double zM, double latitudeDeg, double longitudeDeg,
                         boolean sunlit, double litFraction, double betaRad, double irradianceWm2) {
}
