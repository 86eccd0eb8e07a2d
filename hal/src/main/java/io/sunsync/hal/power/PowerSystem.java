package io.sunsync.hal.power;

/**
 * The satellite's electrical power system: solar array, battery and main bus.
 *
 * <p>Threading: implementations are called from the flight control loop only and need not be
 * thread safe unless they say so. {@link #read()} never throws for a bad sensor: the problem is
 * reported as a {@link io.sunsync.hal.HalFault} and a quality on the reading.
 */
public interface PowerSystem {

    /** The fixed ratings of this power system (capacity, floors, limits). */
    PowerSystemSpec spec();

    /**
     * Samples every power quantity now.
     *
     * @return a reading, never {@code null}; unreadable quantities are NaN with quality FAILED
     */
    PowerReading read();
}
