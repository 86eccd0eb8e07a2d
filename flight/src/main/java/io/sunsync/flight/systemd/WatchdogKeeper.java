package io.sunsync.flight.systemd;

import io.sunsync.flight.sched.Scheduled;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Last component of the control rate group: sends {@code WATCHDOG=1} at half the interval
 * systemd asked for, measured on a monotonic wall clock (the watchdog guards real time even when
 * mission time is simulated). Because it runs inside the control loop, a hung or dead loop stops
 * the keep-alives and systemd restarts the service ({@code Restart=on-failure}).
 */
public final class WatchdogKeeper implements Scheduled {
    private final SystemdNotifier notifier;
    private final LongSupplier monotonicNanos;
    private final long intervalNanos;
    private long lastNanos = Long.MIN_VALUE;
    private long sent;

    /**
     * @param monotonicNanos a monotonic clock (e.g. {@code System::nanoTime}); injected for tests
     */
    public WatchdogKeeper(SystemdNotifier notifier, LongSupplier monotonicNanos) {
        this.notifier = notifier;
        this.monotonicNanos = monotonicNanos;
        this.intervalNanos = notifier.watchdogUsec().map(us -> us * 1000 / 2).orElse(Long.MAX_VALUE);
    }

    @Override
    public String name() {
        return "watchdog";
    }

    @Override
    public void tick(Instant now) {
        if (intervalNanos == Long.MAX_VALUE) {
            return;
        }
        long t = monotonicNanos.getAsLong();
        if (lastNanos == Long.MIN_VALUE || t - lastNanos >= intervalNanos) {
            if (notifier.watchdog()) {
                sent++;
            }
            lastNanos = t;
        }
    }

    /** Keep-alives sent. */
    public long sent() {
        return sent;
    }
}
