package io.sunsync.ground.store;

import io.sunsync.ground.archive.ArchiveRecord;
import java.util.List;

/**
 * What one ingest batch stores in one transaction: records that passed the ICD check and frames
 * quarantined by it.
 *
 * @param records     messages to store (any kind; routed by {@link ArchiveRecord#kind()})
 * @param quarantined frames that failed the check
 */
public record StoreBatch(List<ArchiveRecord> records, List<QuarantinedFrame> quarantined) {
    public StoreBatch {
        records = records == null ? List.of() : List.copyOf(records);
        quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
    }

    /** A batch of records only. */
    public static StoreBatch of(List<ArchiveRecord> records) {
        return new StoreBatch(records, List.of());
    }

    /** Records plus quarantined frames. */
    public int size() {
        return records.size() + quarantined.size();
    }

    /** True if there is nothing to store. */
    public boolean isEmpty() {
        return records.isEmpty() && quarantined.isEmpty();
    }
}
