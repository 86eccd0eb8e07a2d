package io.sunsync.flight.cmd;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Commanding counters for housekeeping. Thread safe (atomic counters). */
public final class CommandCounters {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);

    public CommandCounters() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new AtomicLong());
        }
    }

    void received() {
        received.incrementAndGet();
    }

    void accepted() {
        accepted.incrementAndGet();
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).incrementAndGet();
    }

    void completed() {
        completed.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    /** A consistent-enough copy of the counters (each read atomically). */
    public Snapshot snapshot() {
        Map<String, Long> by = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<RejectReason, AtomicLong> e : rejected.entrySet()) {
            long n = e.getValue().get();
            if (n > 0) {
                by.put(e.getKey().name(), n);
                total += n;
            }
        }
        return new Snapshot(received.get(), accepted.get(), total, Map.copyOf(by), completed.get(), failed.get(),
                duplicates.get());
    }

    /** Rejections of one reason so far. */
    public long rejectedFor(RejectReason reason) {
        return rejected.get(reason).get();
    }

    /**
     * Counter values.
     *
     * @param received   telecommand messages received
     * @param accepted   commands accepted
     * @param rejected   commands rejected, any reason
     * @param rejectedBy rejections by reason code (reasons seen so far)
     * @param completed  executions completed
     * @param failed     executions failed
     * @param duplicates redelivered copies answered without acting again
     */
    public record Snapshot(long received, long accepted, long rejected, Map<String, Long> rejectedBy, long completed,
                           long failed, long duplicates) {
    }
}
