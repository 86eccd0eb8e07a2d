/**
 * Orekit for sunsync without downloads: {@link io.sunsync.orbit.OrekitData} loads the time-scale
 * data shipped in this jar and names the frames, Earth and Sun models everyone uses. On top:
 * SGP4 elements from a TLE or an OMM ({@link io.sunsync.orbit.ElementSet}), the Earth's shadow
 * along an orbit ({@link io.sunsync.orbit.EclipseScan}) and elements fitted to a trajectory
 * ({@link io.sunsync.orbit.TleFit}). Flight uses them to predict its eclipses on board; the sim
 * harness and the ground's flight dynamics to make and check elements.
 */
package io.sunsync.orbit;
