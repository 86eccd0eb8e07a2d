package io.sunsync.flight.actuate;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Command latencies over a sliding window. Workers record into an HdrHistogram {@link Recorder}
 * (wait-free, so pool threads never queue on a lock); each read moves what was recorded since the
 * last read into the current window's histogram (1 µs to 1 h, 2 significant digits). Two windows
 * swap every {@code windowNanos}, so percentiles cover the last one to two windows; latencies
 * recorded between two reads count in the window of the later read (housekeeping reads every
 * second). Also keeps the largest latency since start.
 *
 * <p>Threading: {@link #record} from any thread, wait-free; {@link #percentiles} from any thread
 * (synchronized).
 */
final class LatencyWindow {
    private static final long HIGHEST_US = 3_600_000_000L;
    private final long windowNanos;
    private final Recorder recorder = new Recorder(HIGHEST_US, 2);
    private Histogram interval;
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

    /** Records one latency, in ns. */
    void record(long latencyNanos) {
        recorder.recordValue(Math.max(1, Math.min(HIGHEST_US, (latencyNanos + 500) / 1000)));
    }

    /**
     * Percentiles of the window at {@code nowNanos}.
     *
     * @return p50, p99 and the window's max in ms, its count, and the largest since start; NaN
     *         percentiles when the window is empty
     */
    synchronized Percentiles percentiles(long nowNanos) {
        rotate(nowNanos);
        interval = recorder.getIntervalHistogram(interval);
        current.add(interval);
        maxUs = Math.max(maxUs, interval.getMaxValue());
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
            current.reset(); // no read for two windows: what it held is out of date
            previous = old;
            windowStartNanos = nowNanos;
        }
    }

    /**
     * @param p50Ms     median, in ms
     * @param p99Ms     99th percentile, in ms
     * @param maxMs     largest in the window, in ms
     * @param count     latencies in the window
     * @param everMaxMs largest since start, in ms
     */
    record Percentiles(double p50Ms, double p99Ms, double maxMs, long count, double everMaxMs) {
    }
}
