/**
 * Sampling the hardware once per control tick into one immutable
 * {@link io.sunsync.flight.sample.HardwareSnapshot} that every control component reads, so
 * they judge the same instant and the hardware is read once, not once per consumer.
 */
package io.sunsync.flight.sample;
