package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.journal.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runner's write-ahead journal: every change of a job's record is appended and forced
 * before it takes effect; the journal is replayed at start and compacted (finished jobs beyond
 * {@link JobsConfig#keepFinishedJobs()} forgotten) when it grows past
 * {@link JobsConfig#compactAfterBytes()}. A failed write is thrown as a
 * {@link JournalWriteException} and reported once per episode ({@code JOURNAL_WRITE_FAILED},
 * then {@code JOURNAL_WRITE_RECOVERED}); changes deferred meanwhile are counted.
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class JobLedger {
    private static final Logger LOG = LoggerFactory.getLogger(JobLedger.class);

    private final Journal<JobRecord> journal;
    private final JobEventReporter events;
    private final JobsConfig config;
    private boolean failing;
    private long deferred;

    JobLedger(Path journalDir, JobsConfig config, JobEventReporter events) {
        this.journal = new Journal<>(journalDir, JobRecord.class, JobRecord::id);
        this.config = config;
        this.events = events;
    }

    /** Opens the journal and replays it. */
    Journal.Replay<JobRecord> open() throws IOException {
        return journal.open();
    }

    /**
     * Journals a change of {@code jobId}'s record; reports the first failure of an episode and the
     * recovery after it.
     */
    void write(String jobId, JobRecord next) throws JournalWriteException {
        try {
            journal.append(next);
        } catch (IOException e) {
            if (!failing) {
                // Once per episode: the tick retries every change each second until the disk takes it.
                failing = true;
                LOG.error("job {}: cannot write the journal: {}", jobId, e.toString());
                events.emitNow(Severity.HIGH, "JOURNAL_WRITE_FAILED", "cannot write the job journal: " + e
                        + "; changes are retried every tick", Map.of("jobId", jobId));
            }
            throw new JournalWriteException(e);
        }
        if (failing) {
            failing = false;
            LOG.info("job journal writable again ({} changes were deferred meanwhile)", deferred);
            deferred = 0;
            events.emitNow(Severity.INFO, "JOURNAL_WRITE_RECOVERED", "the job journal is writable again",
                    Map.of("jobId", jobId));
        }
    }

    /** Journals a new job's first record (a submission, a check run); the caller reports a failure. */
    void writeNew(JobRecord rec) throws IOException {
        journal.append(rec);
    }

    /**
     * A change of {@code jobId} did not happen because the journal could not take it ({@code e},
     * reported when it happened); {@code retry} says what brings it about again.
     */
    void deferred(String jobId, String retry, JournalWriteException e) {
        deferred++;
        LOG.debug("job {}: change not journaled ({}); {}", jobId, e.getMessage(), retry);
    }

    /** Forgets finished jobs beyond the bound and rewrites the journal as one snapshot of {@code table}. */
    void compact(JobTable table) throws IOException {
        table.trimFinished(config.keepFinishedJobs());
        journal.compact(table.records());
    }

    /** Compacts when the journal has grown past its bound; a failure is reported and retried later. */
    void compactIfDue(JobTable table) {
        if (journal.journalBytes() <= config.compactAfterBytes()) {
            return;
        }
        try {
            compact(table);
        } catch (IOException e) {
            LOG.error("journal compaction failed: {}", e.toString());
            events.emitNow(Severity.MEDIUM, "JOURNAL_COMPACTION_FAILED", "journal compaction failed: " + e, Map.of());
        }
    }

    void close() throws IOException {
        journal.close();
    }
}
