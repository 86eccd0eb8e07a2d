package io.sunsync.flight.actuate;

import org.HdrHistogram.Histogram;

/**
 * Command latencies over a sliding window: two HdrHistograms (1 µs to 1 h, 2 significant digits)
 * that swap every {@code windowNanos}, so percentiles cover the last one to two windows. Also
 * keeps the largest latency since start. Thread safe (a short lock per record; workers record,
 * housekeeping reads).
 */
final class LatencyWindow {
    private static final long HIGHEST_US = 3_600_000_000L;
    private final long windowNanos;
    private Histogram current = new Histogram(HIGHEST_US, 2);
    private Histogram previous = new Histogram(HIGHEST_US, 2);
    private long windowStartNanos;
    private long maxUs;

    LatencyWindow(long windowNanos, long nowNanos) {
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be > 0 ns, was " + windowNanos);
        }
        this.windowNanos = windowNanos;
        this.windowStartNanos = nowNanos;
    }

    /** Records one latency, in ns, measured at {@code nowNanos}. */
    synchronized void record(long latencyNanos, long nowNanos) {
        rotate(nowNanos);
        long us = Math.max(1, Math.min(HIGHEST_US, (latencyNanos + 500) / 1000));
        current.recordValue(us);
        maxUs = Math.max(maxUs, us);
    }

    /**
     * Percentiles of the window at {@code nowNanos}.
     *
     * @return p50, p99 and the window's max in ms, and the count; NaN percentiles when empty
     */
    synchronized Percentiles percentiles(long nowNanos) {
        rotate(nowNanos);
        Histogram both = current.copy();
        both.add(previous);
        if (both.getTotalCount() == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN, 0, maxUs / 1000.0);
        }
        return new Percentiles(both.getValueAtPercentile(50) / 1000.0, both.getValueAtPercentile(99) / 1000.0,
                both.getMaxValue() / 1000.0, both.getTotalCount(), maxUs / 1000.0);
    }

    private void rotate(long nowNanos) {
        long age = nowNanos - windowStartNanos;
        if (age < windowNanos) {
            return;
        }
        Histogram old = previous;
        old.reset();
        if (age < 2 * windowNanos) {
            previous = current;
            current = old;
            windowStartNanos += windowNanos;
        } else {
            current.reset(); // nothing recorded for two windows: both are out of date
            previous = old;
            windowStartNanos = nowNanos;
        }
    }

    /**
     * @param p50Ms    median, in ms
     * @param p99Ms    99th percentile, in ms
     * @param maxMs    largest in the window, in ms
     * @param count    latencies in the window
     * @param everMaxMs largest since start, in ms
     */
    record Percentiles(double p50Ms, double p99Ms, double maxMs, long count, double everMaxMs) {
    }
}
