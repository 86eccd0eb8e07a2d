/**
 * Orbit and Sun models (after Orekit: small immutable objects): a circular sun-synchronous
 * orbit from altitude and LTAN ({@link io.sunsync.sim.orbit.SunSynchronousOrbit}), the Sun's
 * position over the year ({@link io.sunsync.sim.orbit.SunPosition}), beta angle, the
 * cylindrical Earth shadow ({@link io.sunsync.sim.orbit.EclipseGeometry}), a propagator
 * ({@link io.sunsync.sim.orbit.CircularOrbitPropagator}) and a year's eclipse season
 * ({@link io.sunsync.sim.orbit.EclipseSeason}). All types are immutable and thread safe.
 */
package io.sunsync.sim.orbit;
