package io.sunsync.ground.store;

/**
 * What one {@link ArchiveWriter#append} did.
 *
 * @param stored      records newly stored
 * @param duplicates  records already in the store (redelivered copies), not stored again
 * @param quarantined frames newly put in quarantine (copies of frames already there not counted)
 */
public record AppendResult(long stored, long duplicates, long quarantined) {
    /** Nothing. */
    public static final AppendResult NONE = new AppendResult(0, 0, 0);

    /** The sum of two results. */
    public AppendResult plus(AppendResult o) {
        return new AppendResult(stored + o.stored, duplicates + o.duplicates, quarantined + o.quarantined);
    }
}
