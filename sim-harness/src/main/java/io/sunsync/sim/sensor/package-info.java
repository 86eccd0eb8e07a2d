/**
 * What the sensors get wrong: noise, bias and resolution on every reading
 * ({@link io.sunsync.sim.sensor.SensorModel}). Faults that break a sensor outright are in
 * {@code io.sunsync.sim.fault}. Owned by the satellite model and used on its thread.
 */
package io.sunsync.sim.sensor;
