/**
 * The flight launcher ({@link io.sunsync.flight.app.FlightMain}), its config
 * ({@link io.sunsync.flight.app.FlightConfig}) and the composition root that wires every
 * component in order ({@link io.sunsync.flight.app.FlightApplication}).
 */
package io.sunsync.flight.app;
