package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.results.ResultManifest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole durable state of one job, as journaled: every change of state writes a new
 * {@code JobRecord} to the journal before it takes effect, and the latest record per job id is
 * the truth after a restart. Immutable; change it with {@link #edit}.
 *
 * @param spec                 what was submitted
 * @param submitSeq            order of acceptance (1, 2, ...), unique among ground jobs (a check run
 *                             shares its job's, so it is scheduled as early as its job was)
 * @param submittedAt          mission time of acceptance
 * @param state                the state
 * @param reason               why it is in that state
 * @param message              details for a human (exit code, stderr tail, ...)
 * @param starts               how many times it was started (each start of a process counts)
 * @param boardIds             boards it occupies (empty unless on boards)
 * @param pid                  its process's pid while it has one
 * @param pidStartedAt         the OS start time of that process, to tell it from a reused pid
 * @param suspendCause         who suspended it (SUSPENDED only)
 * @param workUnits            work its boards delivered to it in the current attempt, in work
 *                             units, as of the last record (null where boards cannot measure it)
 * @param checkpointWorkUnits  progress at its last checkpoint, in work units (where it resumes)
 * @param checkpoints          checkpoints taken
 * @param energyUsedWh         energy its boards spent on it over all attempts, in Wh
 * @param startedAt            mission time of the latest start
 * @param updatedAt            mission time of this record
 * @param finishedAt           mission time it reached a terminal state
 * @param exitCode             its process's last exit code
 * @param result               the checksummed result (SUCCEEDED and CHECKING only)
 * @param resultAcked          true once the ground acknowledged the result (then deleted on board)
 * @param lastBoards           boards of its latest attempt, kept once it left them (in the order
 *                             the attempt got them)
 * @param checkRun             what it checks, for a check run (null for a ground job)
 * @param check                where the check of its result stands (CHECKING only; else null)
 * @param preemptions          starts that ended because flight preempted the job for a
 *                             higher-priority one (checkpointed and queued again): flight's own
 *                             decision, so they do not count against {@code jobs.maxStarts}
 */
public record JobRecord(JobSpec spec, long submitSeq, Instant submittedAt, JobState state, JobReason reason,
                        String message, int starts, List<String> boardIds, Long pid, Instant pidStartedAt,
                        SuspendCause suspendCause, Double workUnits, Double checkpointWorkUnits, int checkpoints,
                        double energyUsedWh, Instant startedAt, Instant updatedAt, Instant finishedAt,
                        Integer exitCode, ResultManifest result, boolean resultAcked, List<String> lastBoards,
                        CheckRun checkRun, CheckProgress check, int preemptions) {
    public JobRecord {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        boardIds = boardIds == null ? List.of() : List.copyOf(boardIds);
        lastBoards = lastBoards == null ? List.of() : List.copyOf(lastBoards);
        message = message == null ? "" : message;
    }

    /** A newly accepted job. */
    public static JobRecord queued(JobSpec spec, long submitSeq, Instant now) {
        return new JobRecord(spec, submitSeq, now, JobState.QUEUED, JobReason.SUBMITTED, "", 0, List.of(), null, null,
                null, spec.kind() == JobKind.SYNTHETIC ? 0.0 : null, 0.0, 0, 0.0, null, now, null, null, null, false,
                List.of(), null, null, 0);
    }

    /** A newly made check run of {@code run.of()}, with the spec it runs ({@code spec}). */
    public static JobRecord checkRun(JobSpec spec, CheckRun run, long submitSeq, Instant now) {
        return new JobRecord(spec, submitSeq, now, JobState.QUEUED, JobReason.SUBMITTED, run.role() + " check of "
                + run.of() + ": items " + run.items(), 0, List.of(), null, null, null,
                spec.kind() == JobKind.SYNTHETIC ? 0.0 : null, 0.0, 0, 0.0, null, now, null, null, null, false,
                List.of(), run, null, 0);
    }

    /**
     * Starts that count against {@code jobs.maxStarts}: those that did not end in a preemption
     * (a crash of flight or of the job, a lost board, a checkpoint exit of its own).
     */
    public int startsCounted() {
        return starts - preemptions;
    }

    /** The job's key: its id, or for a check run {@link CheckRun#key()}. */
    public String id() {
        return checkRun == null ? spec.id() : checkRun.key();
    }

    /** A copy with the changes {@code change} makes to an editable copy. */
    public JobRecord edit(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }

    /** A mutable copy of every field but the spec, the submission and the check run, for {@link #edit}. */
    public static final class Edit {
        private final JobSpec spec;
        private final long submitSeq;
        private final Instant submittedAt;
        public JobState state;
        public JobReason reason;
        public String message;
        public int starts;
        public List<String> boardIds;
        public Long pid;
        public Instant pidStartedAt;
        public SuspendCause suspendCause;
        public Double workUnits;
        public Double checkpointWorkUnits;
        public int checkpoints;
        public double energyUsedWh;
        public Instant startedAt;
        public Instant updatedAt;
        public Instant finishedAt;
        public Integer exitCode;
        public ResultManifest result;
        public boolean resultAcked;
        public List<String> lastBoards;
        private final CheckRun checkRun;
        public CheckProgress check;
        public int preemptions;

        private Edit(JobRecord r) {
            spec = r.spec;
            submitSeq = r.submitSeq;
            submittedAt = r.submittedAt;
            state = r.state;
            reason = r.reason;
            message = r.message;
            starts = r.starts;
            boardIds = r.boardIds;
            pid = r.pid;
            pidStartedAt = r.pidStartedAt;
            suspendCause = r.suspendCause;
            workUnits = r.workUnits;
            checkpointWorkUnits = r.checkpointWorkUnits;
            checkpoints = r.checkpoints;
            energyUsedWh = r.energyUsedWh;
            startedAt = r.startedAt;
            updatedAt = r.updatedAt;
            finishedAt = r.finishedAt;
            exitCode = r.exitCode;
            result = r.result;
            resultAcked = r.resultAcked;
            lastBoards = r.lastBoards;
            checkRun = r.checkRun;
            check = r.check;
            preemptions = r.preemptions;
        }

        private JobRecord build() {
            return new JobRecord(spec, submitSeq, submittedAt, state, reason, message, starts, boardIds, pid,
                    pidStartedAt, suspendCause, workUnits, checkpointWorkUnits, checkpoints, energyUsedWh, startedAt,
                    updatedAt, finishedAt, exitCode, result, resultAcked, lastBoards, checkRun, check, preemptions);
        }
    }
}
