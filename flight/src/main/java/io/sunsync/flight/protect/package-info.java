/**
 * The fast power-protection path: {@link io.sunsync.flight.protect.PowerProtection} samples the
 * power system at 10-20 Hz in its own rate group and sheds every board at an unannounced shadow
 * entry (or any other loss of power) before the bus browns out; the 1 Hz throttler then plans
 * from there.
 */
package io.sunsync.flight.protect;
