package io.sunsync.flight.link.outbox;

import io.sunsync.flight.store.log.Damage;
import java.util.List;

/**
 * What the outbox found on disk when it opened.
 *
 * @param segments        segment files read
 * @param pending         messages recovered that still have to be sent
 * @param delivered       records skipped because the broker had acknowledged them
 * @param damage          stretches of segment files that were not valid records, skipped
 * @param stateProblem    why the state file could not be used (sequence numbers then continue
 *                        from the records on disk), or null
 * @param durationMs      time taken, in ms
 * @param unrecorded      sequence numbers handed out after the state file was last saved that are
 *                        in no segment: messages dropped (disk full, oversize) whose drop could not
 *                        be recorded before a crash; now counted as dropped ({@link DropReason#UNRECORDED})
 */
public record RecoveryReport(int segments, long pending, long delivered, List<Damage> damage, String stateProblem,
                             long durationMs, List<DropReport> unrecorded) {
    public RecoveryReport {
        damage = List.copyOf(damage);
        unrecorded = List.copyOf(unrecorded);
    }

    /** A report with no unrecorded drops. */
    public RecoveryReport(int segments, long pending, long delivered, List<Damage> damage, String stateProblem,
                          long durationMs) {
        this(segments, pending, delivered, damage, stateProblem, durationMs, List.of());
    }

    /** True when every byte read was a valid record and the state file was usable. */
    public boolean clean() {
        return damage.isEmpty() && stateProblem == null;
    }

    /** Bytes skipped as damage. */
    public long damagedBytes() {
        return damage.stream().mapToLong(Damage::lengthBytes).sum();
    }
}
