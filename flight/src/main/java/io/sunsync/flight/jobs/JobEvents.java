package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Severity;
import java.util.List;

/**
 * The catalogue of events the job runner emits (source {@value JobRunner#SOURCE}), for the
 * command dictionary the ground reads and for docs/jobs.md. Immutable.
 */
public final class JobEvents {
    private JobEvents() {
    }

    /**
     * One event.
     *
     * @param code         its code
     * @param severity     its severity (some events vary: the usual one)
     * @param description  when it is emitted
     */
    public record Definition(String code, Severity severity, String description) {
    }

    /** Every event the runner emits. */
    public static final List<Definition> ALL = List.of(
            new Definition("JOB_SUBMITTED", Severity.INFO, "a job was accepted and journaled"),
            new Definition("JOB_REJECTED", Severity.LOW, "a submission was refused (data.reason: a JobRejectReason)"),
            new Definition("JOB_STARTED", Severity.INFO, "a job started on its boards"),
            new Definition("JOB_SUSPENDED", Severity.INFO, "a job was suspended (command, preemption, board switched off)"),
            new Definition("JOB_RESUMED", Severity.INFO, "a suspended job resumed"),
            new Definition("JOB_CHECKPOINT_REQUESTED", Severity.INFO, "a job was asked to checkpoint (SIGUSR1)"),
            new Definition("JOB_CHECKPOINTED", Severity.INFO, "a job acknowledged a checkpoint"),
            new Definition("JOB_CHECKPOINT_TIMEOUT", Severity.LOW, "a job did not acknowledge a checkpoint in time"),
            new Definition("JOB_REQUEUED", Severity.LOW, "a job went back to the queue (preempted, board lost, restart)"),
            new Definition("JOB_EXITED", Severity.INFO, "a job's work is done; its result is being stored"),
            new Definition("JOB_RUNNING", Severity.INFO, "a job is running"),
            new Definition("JOB_SUCCEEDED", Severity.INFO, "a job finished; its checksummed result awaits downlink"),
            new Definition("JOB_FAILED", Severity.MEDIUM, "a job failed (data.reason: a JobReason)"),
            new Definition("JOB_CANCELLED", Severity.INFO, "a job was cancelled by command"),
            new Definition("JOB_EXPIRED", Severity.LOW, "a job's deadline passed"),
            new Definition("JOB_START_DEFERRED", Severity.MEDIUM, "a job's directory could not be prepared; retried"),
            new Definition("JOB_ORPHANS_KILLED", Severity.LOW, "processes left by the previous run were killed"),
            new Definition("JOBS_RECOVERED", Severity.INFO, "the journal was replayed at start (counts in data)"),
            new Definition("JOURNAL_TAIL_DROPPED", Severity.LOW, "a torn or garbage journal tail was dropped"),
            new Definition("JOURNAL_RECORD_CORRUPT", Severity.HIGH, "a damaged journal record was skipped"),
            new Definition("JOURNAL_RECORD_UNDECODABLE", Severity.HIGH, "a journal record could not be decoded and was skipped"),
            new Definition("JOURNAL_SNAPSHOT_DAMAGED", Severity.HIGH, "the journal snapshot is incomplete"),
            new Definition("JOURNAL_WRITE_FAILED", Severity.HIGH, "the journal could not be written; the change did not happen"),
            new Definition("JOURNAL_WRITE_RECOVERED", Severity.INFO, "the journal takes writes again (after JOURNAL_WRITE_FAILED)"),
            new Definition("RESULT_STORE_RETRY", Severity.MEDIUM,
                    "a finished job's result could not be stored (disk full or failing); kept and retried every tick"),
            new Definition("JOURNAL_COMPACTION_FAILED", Severity.MEDIUM, "journal compaction failed; retried"),
            new Definition("RESULTS_STORE_FULL", Severity.MEDIUM, "unacknowledged results exceed the bound; new jobs are refused"),
            new Definition("RESULTS_STORE_AVAILABLE", Severity.INFO, "the results store is below its bound again"),
            new Definition("RESULT_ACKED", Severity.INFO, "the ground acknowledged a result; it was deleted"),
            new Definition("RESULT_CORRUPT", Severity.HIGH, "a stored result does not match its checksums and is held back"),
            new Definition("JOB_CHECKING", Severity.INFO,
                    "a job's work is done and its result stored, not offered: it is being checked (data.jobId)"),
            new Definition("RESULT_CHECK_STARTED", Severity.INFO,
                    "the check of a result began (data: jobId, mode = verifier|sample, boards, items, of)"),
            new Definition("RESULT_CHECK_PASSED", Severity.INFO,
                    "a result passed its check and is offered for downlink (data: jobId, mode, boards, checkBoard, "
                            + "refereeBoard, verifierMs)"),
            new Definition("RESULT_CHECK_FAILED", Severity.HIGH,
                    "a result failed its check: discarded, the job computed again (data: jobId, mode, boards, blamed, "
                            + "wrongItems, undecidedItems)"),
            new Definition("BOARD_QUARANTINED", Severity.MEDIUM,
                    "a board was blamed for a wrong result and takes no work until data.until (data: board, jobId, "
                            + "strikes, until, isolated: true once fault protection is asked to isolate it)"),
            new Definition("BOARD_QUARANTINE_ENDED", Severity.INFO, "a quarantined board takes work again (data: board, strikes)"),
            new Definition("BOARD_QUARANTINE_LOST", Severity.HIGH,
                    "the record of quarantined boards could not be read at start; every board is trusted again"),
            new Definition("BOARD_QUARANTINE_UNSAVED", Severity.MEDIUM,
                    "the record of quarantined boards could not be written; kept in memory, written at the next change"));
}
