/** Housekeeping telemetry: a frame of every subsystem's state, sent down once per period. */
package io.sunsync.flight.hk;
