package io.sunsync.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Virtual mission time: waiting steps the {@link SimSatellite} up to the requested instant.
 * With a speed-up &gt; 0 it also sleeps so that virtual time runs that many times faster than
 * the wall clock (for a ground session to interact, or for HIL); with 0 it runs flat out.
 */
public final class SimTimeSource implements io.sunsync.hal.time.TimeSource {
    private final SimSatellite satellite;
    private final double speed;
    private long wallStartNanos = -1;
    private Instant virtualStart;

    /**
     * @param satellite the model to step
     * @param speed     virtual seconds per wall second, or 0 for as fast as possible
     */
    public SimTimeSource(SimSatellite satellite, double speed) {
        this.satellite = satellite;
        this.speed = speed;
    }

    @Override
    public synchronized Instant now() {
        return satellite.now();
    }

    @Override
    public void awaitUntil(Instant instant) throws InterruptedException {
        if (speed > 0) {
            pace(instant);
        }
        synchronized (this) {
            satellite.advanceTo(instant);
        }
    }

    // Wall-clock pacing: sleep until the wall time that corresponds to `instant` at this speed.
    private void pace(Instant instant) throws InterruptedException {
        if (wallStartNanos < 0) {
            wallStartNanos = System.nanoTime();
            virtualStart = satellite.now();
        }
        double virtualS = Duration.between(virtualStart, instant).toNanos() / 1e9;
        long dueNanos = wallStartNanos + (long) (virtualS / speed * 1e9);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    @Override
    public boolean isVirtual() {
        return true;
    }
}
