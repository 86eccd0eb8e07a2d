package io.sunsync.sim.orbit;

/**
 * The satellite's situation at one instant. Immutable.
 *
 * @param xM            Earth-centred inertial position x, in m
 * @param yM            position y, in m
 * @param zM            position z, in m
 * @param latitudeDeg   geocentric latitude of the sub-satellite point, in degrees
 * @param longitudeDeg  longitude of the sub-satellite point, in degrees (-180..180, east positive)
 * @param sunlit        true outside the cylindrical shadow
 * @param betaRad       beta angle (Sun elevation above the orbit plane), in rad
 * @param irradianceWm2 solar irradiance at the Sun's distance, in W/m² (whether or not sunlit)
 */
public record OrbitPoint(double xM, double yM, double zM, double latitudeDeg, double longitudeDeg,
                         boolean sunlit, double betaRad, double irradianceWm2) {
}
