/**
 * Orbit, Sun and shadow (after Orekit: small immutable objects). The truth the satellite flies:
 * {@link io.sunsync.sim.orbit.TruthOrbit}, a {@link io.sunsync.sim.orbit.Trajectory} (the
 * numerical truth orbit {@link io.sunsync.sim.orbit.NumericalTrajectory}, or the idealised
 * circular {@link io.sunsync.sim.orbit.CircularOrbitPropagator}) in a
 * {@link io.sunsync.sim.orbit.Shadow} (conical with penumbra, or cylindrical), with its eclipses
 * (the orbit module's {@link io.sunsync.orbit.EclipsePass}) in a table and the ground's eclipse windows
 * ({@link io.sunsync.sim.orbit.EclipseEphemeris}). Mission design: a circular sun-synchronous
 * orbit from altitude and LTAN ({@link io.sunsync.sim.orbit.SunSynchronousOrbit}), the Sun over
 * the year ({@link io.sunsync.sim.orbit.SunPosition}), beta angle, the cylindrical eclipse fraction
 * ({@link io.sunsync.sim.orbit.EclipseGeometry}) and a year's eclipse season
 * ({@link io.sunsync.sim.orbit.EclipseSeason}). All types are immutable or thread safe.
 */
package io.sunsync.sim.orbit;
