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
    private final Map<Memory, AtomicLong> evicted = new EnumMap<>(Memory.class);

    /**
     * The bounded memories commanding keeps of what the ground sent; each forgets its oldest entry
     * when full, and every entry forgotten is counted (housekeeping {@code commanding.evicted}).
     */
    public enum Memory {
        /** Arm tokens outstanding ({@link ArmTokens#MAX_OUTSTANDING}): the oldest is voided. */
        ARM_TOKENS("armTokens"),
        /**
         * MACs of recent ground commands ({@link CommandDispatcher#REMEMBERED}): an identical copy of
         * a forgotten command is refused REPLAY instead of answered as a duplicate.
         */
        RECENT_COMMANDS("recentCommands"),
        /** Latest reports of recent ground commands ({@link VerificationReporter#REMEMBERED}). */
        RECENT_REPORTS("recentReports");

        private final String key;

        Memory(String key) {
            this.key = key;
        }

        /** Its name in housekeeping. */
        public String key() {
            return key;
        }
    }

    public CommandCounters() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new AtomicLong());
        }
        for (Memory m : Memory.values()) {
            evicted.put(m, new AtomicLong());
        }
    }

    void evicted(Memory memory) {
        evicted.get(memory).incrementAndGet();
    }

    /** Entries {@code memory} has forgotten so far. */
    public long evictedFrom(Memory memory) {
        return evicted.get(memory).get();
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
        Map<String, Long> forgotten = new LinkedHashMap<>();
        for (Map.Entry<Memory, AtomicLong> e : evicted.entrySet()) {
            forgotten.put(e.getKey().key(), e.getValue().get());
        }
        return new Snapshot(received.get(), accepted.get(), total, Map.copyOf(by), completed.get(), failed.get(),
                duplicates.get(), java.util.Collections.unmodifiableMap(forgotten));
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
     * @param evicted    entries forgotten by each bounded memory, by {@link Memory#key()}
     */
    public record Snapshot(long received, long accepted, long rejected, Map<String, Long> rejectedBy, long completed,
                           long failed, long duplicates, Map<String, Long> evicted) {
    }
}
