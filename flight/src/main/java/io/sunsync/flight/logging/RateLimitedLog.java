package io.sunsync.flight.logging;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A log for lines the outside world can cause (a refused command, a dropped inbound message): at
 * most {@code linesPerWindow} lines per {@code window}; past that, lines are counted by category
 * instead of written, and the first call after the window ends (or {@link #flush()}) writes one
 * summary line with the count, e.g. {@code 9,512 more lines suppressed in the last 10 s (BAD_MAC
 * 9,500, MALFORMED 12)}. So a flood of 100,000 refused messages costs a few dozen log lines, and
 * the log still says how many there were. Nothing is lost silently: {@link #suppressed()} counts
 * every line not written.
 *
 * <p>Time comes from an injected monotonic nanosecond clock. Thread safe.
 */
public final class RateLimitedLog {
    /** Where lines go: a format with {@code {}} placeholders and its arguments. */
    @FunctionalInterface
    public interface Sink {
        void write(String format, Object... args);
    }

    private final Sink sink;
    private final int linesPerWindow;
    private final long windowNs;
    private final LongSupplier nanoTime;
    private long windowStartNs;
    private int written;
    private final Map<String, Long> pending = new TreeMap<>();
    private long pendingTotal;
    private long suppressed;

    /**
     * @param sink           where lines and summaries go
     * @param linesPerWindow lines written per window before suppressing (&ge; 1)
     * @param window         window length (&gt; 0)
     * @param nanoTime       monotonic clock in ns (e.g. {@code System::nanoTime})
     */
    public RateLimitedLog(Sink sink, int linesPerWindow, Duration window, LongSupplier nanoTime) {
        if (linesPerWindow < 1) {
            throw new IllegalArgumentException("linesPerWindow must be >= 1, was " + linesPerWindow);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be > 0, was " + window);
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        this.linesPerWindow = linesPerWindow;
        this.windowNs = window.toNanos();
        this.nanoTime = nanoTime;
        this.windowStartNs = nanoTime.getAsLong();
    }

    /** At most 20 INFO lines of {@code log} per 10 s, on the system's monotonic clock. */
    public static RateLimitedLog info(Logger log) {
        return new RateLimitedLog(log::info, 20, Duration.ofSeconds(10), System::nanoTime);
    }

    /** At most 20 WARN lines of {@code log} per 10 s, on the system's monotonic clock. */
    public static RateLimitedLog warn(Logger log) {
        return new RateLimitedLog(log::warn, 20, Duration.ofSeconds(10), System::nanoTime);
    }

    /**
     * Writes the line unless this window's budget is spent; then counts it under {@code category}.
     *
     * @return true if the line was written
     */
    public boolean log(String category, String format, Object... args) {
        String summary;
        boolean write;
        synchronized (this) {
            summary = roll();
            write = written < linesPerWindow;
            if (write) {
                written++;
            } else {
                pending.merge(category, 1L, Long::sum);
                pendingTotal++;
                suppressed++;
            }
        }
        if (summary != null) {
            sink.write(summary);
        }
        if (write) {
            sink.write(format, args);
        }
        return write;
    }

    /** Writes the summary of a window that has ended with lines suppressed (call it now and then, e.g. each tick). */
    public void flush() {
        String summary;
        synchronized (this) {
            summary = roll();
        }
        if (summary != null) {
            sink.write(summary);
        }
    }

    /** Lines not written since this log was made. */
    public synchronized long suppressed() {
        return suppressed;
    }

    /** Starts a new window if the current one has ended; returns the summary of what it suppressed, or null. */
    private String roll() {
        long now = nanoTime.getAsLong();
        long elapsed = now - windowStartNs;
        if (elapsed < windowNs) {
            return null;
        }
        String summary = null;
        if (pendingTotal > 0) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%,d more lines suppressed in the last %.0f s (", pendingTotal, elapsed / 1e9));
            boolean first = true;
            for (Map.Entry<String, Long> e : pending.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(String.format("%,d", e.getValue()));
                first = false;
            }
            summary = sb.append(')').toString();
        }
        pending.clear();
        pendingTotal = 0;
        written = 0;
        windowStartNs = now;
        return summary;
    }
}
