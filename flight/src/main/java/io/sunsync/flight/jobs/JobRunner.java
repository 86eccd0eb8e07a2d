package io.sunsync.flight.jobs;

import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.flight.jobs.results.ResultManifest;
import io.sunsync.flight.jobs.results.ResultStore;
import io.sunsync.flight.lifecycle.AbstractLifecycle;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runner: queues jobs, runs them as OS processes (or synthetic workloads) on accelerator
 * boards, and brings back only finished, checksummed results, surviving {@code kill -9} at any
 * point through its write-ahead journal.
 *
 * <p>Every change of a job's state is appended to the {@link Journal} and forced to disk before
 * it takes effect (before a process is started, signalled or its result offered). On
 * {@link #start()} the journal is replayed: queued jobs stay queued, finished results are checked
 * against their checksums, a job whose process had exited 0 has its result stored, and a job
 * that was on boards is requeued from its last checkpoint after any orphan of its process (found
 * by the {@value #ENV_MARKER} environment marker, and by recorded pid and start time) is killed
 * - a process cannot be re-adopted, because its output pipes died with the old runner.
 *
 * <p>Each {@link #tick} (the {@code jobs} rate group) reads the boards, notices exits, board
 * losses, deadlines, budgets and checkpoint acknowledgements, resumes preempted jobs whose boards
 * are free, then starts queued jobs in order of priority (then deadline, then submission),
 * preempting lower-priority jobs when a higher one needs their boards. See docs/jobs.md.
 *
 * <p>The runner is the facade and the owner of the lock; the work is done by its parts:
 * {@link JobRecovery} (start-up; {@link io.sunsync.flight.jobs.process.OrphanReaper} kills
 * orphans), {@link JobTransitions} (the per-job state machine, journaling each change through
 * {@link JobLedger} before it takes effect), {@link JobScheduler} (policy: resumption, start order,
 * preemption), {@link JobLauncher} (directories and environment of a process),
 * {@link io.sunsync.flight.jobs.process.ProcessDrains} (stopping processes), {@link WorkMeter}
 * (work and energy), {@link ResultCheckSteps} (result checks), {@link JobAdmission} and
 * {@link ResultsBound} (what is accepted), {@link JobEventReporter} (events).
 *
 * <p>Threading: every public method is {@code synchronized} on the runner: the scheduler thread
 * ticks it, the command link and the throttler call it from theirs. Calls wait for at most one
 * tick's work plus a journal write.
 */
public final class JobRunner extends AbstractLifecycle implements JobService, JobControl, Scheduled {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Environment variable every job process gets, holding the runner's data directory: finds orphans. */
    public static final String ENV_MARKER = "SUNSYNC_JOBS_ROOT";
    /** Exit code by which a job says "I checkpointed; restart me from it later" (EX_TEMPFAIL). */
    public static final int CHECKPOINT_EXIT_CODE = 75;
    /** Event source name. */
    public static final String SOURCE = "jobs";

    private final JobContext ctx;
    private final JobTable table;
    private final BoardView boards;
    private final JobTransitions transitions;
    private final JobScheduler scheduler;
    private final ResultCheckSteps checkSteps;
    private final JobRecovery recovery;
    private final JobAdmission admission;
    private DataDirLock lock;
    private boolean started;

    /**
     * @param config   the {@code jobs} config section
     * @param dataDir  the resolved data directory (see {@link JobsConfig#dataDirIn})
     * @param boards   the satellite's accelerator boards
     * @param time     mission time
     * @param events   where state changes and refusals are reported
     */
    public JobRunner(JobsConfig config, Path dataDir, List<AcceleratorBoard> boards, TimeSource time, EventSink events) {
        this(config, dataDir, boards, time, events, ResultChecks.NONE);
    }

    /**
     * @param checks  checks the results of jobs that declare a check (silent data corruption)
     *                and knows which boards are quarantined; {@link ResultChecks#NONE} refuses such jobs
     */
    public JobRunner(JobsConfig config, Path dataDir, List<AcceleratorBoard> boards, TimeSource time, EventSink events,
                     ResultChecks checks) {
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(events, "events");
        this.boards = new BoardView(boards, checks);
        this.ctx = new JobContext(config, dataDir.toAbsolutePath().normalize(), this.boards, time,
                new JobEventReporter(events, time), checks);
        this.table = ctx.table;
        this.transitions = new JobTransitions(ctx);
        this.scheduler = new JobScheduler(config, table, this.boards, ctx.drains);
        this.checkSteps = new ResultCheckSteps(ctx, transitions);
        this.recovery = new JobRecovery(ctx, transitions);
        this.admission = new JobAdmission(ctx);
    }

    @Override
    public String name() {
        return "jobs";
    }

    /** The data directory. */
    public Path dataDir() {
        return ctx.dataDir;
    }

    /** A job's directory ({@code work/}, {@code checkpoint/}, {@code result/}, {@code logs/}). */
    public Path jobDir(String jobId) {
        return ctx.jobDir(jobId);
    }

    // ------------------------------------------------------------------------------------------
    // Start-up and stop

    /**
     * Locks the data directory, replays the journal and recovers (see the class comment and
     * {@link JobRecovery}), then compacts the journal.
     *
     * @throws UncheckedIOException when the data directory cannot be used
     * @throws IllegalStateException when another runner holds the data directory
     */
    @Override
    protected synchronized void doStart() {
        Instant now = ctx.time.now();
        try {
            Files.createDirectories(ctx.jobsDir);
            lock = DataDirLock.acquire(ctx.dataDir);
            ctx.results = new ResultStore(ctx.dataDir.resolve("results"), ctx.dataDir.resolve("results-staging"),
                    ctx.config.maxResultBytesPerJob());
            boards.setLastTick(now);
            ctx.checks.start(now);
            recovery.run(now);
        } catch (IOException | RuntimeException e) {
            forgetFailedStart();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("job runner cannot use " + ctx.dataDir, io);
            }
            throw (RuntimeException) e;
        }
        boards.setLastTick(now);
        started = true;
    }

    /** Whether {@link #start()} has succeeded (the runner accepts jobs and ticks). */
    public synchronized boolean isStarted() {
        return started;
    }

    /** Undoes a start that failed half way (e.g. a full disk), so that it can be tried again. */
    private void forgetFailedStart() {
        table.clear();
        try {
            ctx.ledger.close();
        } catch (IOException e) {
            LOG.debug("closing the journal after a failed start: {}", e.toString());
        }
        releaseLock("after a failed start");
    }

    private void releaseLock(String when) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("releasing the data directory lock {}: {}", when, e.toString());
        }
        lock = null;
    }

    /**
     * Stops every job process (SIGTERM, SIGKILL after the kill grace period) and closes the
     * journal. Jobs stay on boards in the journal and are requeued from their checkpoints at the
     * next start.
     */
    @Override
    protected synchronized void doStop() {
        if (!started) {
            return;
        }
        started = false;
        ctx.checks.stop();
        for (Job j : table.all()) {
            if (j.process != null) {
                ctx.drains.add(j.id(), j.process, j.rec.boardIds(), null, false);
                j.process = null;
            }
        }
        ctx.drains.awaitAll();
        try {
            ctx.ledger.close();
        } catch (IOException e) {
            LOG.warn("closing the job journal: {}", e.toString());
        }
        releaseLock("at stop");
    }

    // ------------------------------------------------------------------------------------------
    // The tick

    /**
     * Reads the boards, reaps stopped processes, advances every unfinished job (a change the
     * journal does not take is retried next tick), sweeps finished check runs, resumes preempted
     * jobs, starts queued ones, and compacts the journal when it is due.
     */
    @Override
    public synchronized void tick(Instant now) {
        if (!started) {
            return;
        }
        Instant last = boards.lastTick();
        double dtS = last == null ? 0 : Math.max(0, Duration.between(last, now).toNanos() / 1e9);
        boards.setLastTick(now);
        boards.readAll();
        boards.settleRestoring(now);
        resumeShedJobs(now);
        ctx.drains.reap();
        for (Job job : table.snapshot()) {
            if (job.rec.state().terminal()) {
                continue;
            }
            try {
                if (job.rec.state() == JobState.CHECKING) {
                    checkSteps.advance(job, now);
                } else {
                    transitions.advance(job, now, dtS);
                }
            } catch (JournalWriteException e) {
                ctx.ledger.deferred(job.id(), "the job is advanced again next tick", e);
            }
        }
        try {
            checkSteps.releaseRuns(now);
            scheduler.resumePreempted(now, transitions);
            scheduler.schedule(now, transitions);
        } catch (JournalWriteException e) {
            ctx.ledger.deferred("(scheduling)", "scheduling is tried again next tick", e);
        }
        ctx.checks.tick(now);
        ctx.ledger.compactIfDue(table);
    }

    // ------------------------------------------------------------------------------------------
    // JobService

    @Override
    public synchronized SubmitResult submitJson(String json) {
        JobSpec spec;
        try {
            spec = JobSpecParser.parseJson(json);
        } catch (JobSpecException e) {
            return reject(null, e.reason(), e.getMessage());
        }
        return submit(spec);
    }

    @Override
    public synchronized SubmitResult submit(JobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (!started) {
            return reject(spec.id(), JobRejectReason.NOT_READY, "the job runner is starting");
        }
        Instant now = ctx.time.now();
        JobAdmission.Refusal refusal = admission.check(spec, now);
        if (refusal != null) {
            return reject(spec.id(), refusal.reason(), refusal.message());
        }
        JobRecord rec = JobRecord.queued(spec, table.submitSeq() + 1, now);
        try {
            ctx.ledger.writeNew(rec);
        } catch (IOException e) {
            ctx.events.emit(now, Severity.HIGH, "JOURNAL_WRITE_FAILED", "cannot write the job journal: " + e,
                    Map.of("jobId", spec.id()));
            return reject(spec.id(), JobRejectReason.JOURNAL_ERROR, "cannot write the journal: " + e.getMessage());
        }
        table.add(rec);
        ctx.events.stateChanged(rec);
        return SubmitResult.accepted(spec.id());
    }

    private SubmitResult reject(String jobId, JobRejectReason reason, String message) {
        ctx.events.rejected(jobId, reason, message);
        return SubmitResult.rejected(jobId, reason, message);
    }

    private static ControlResult journalError(JournalWriteException e) {
        return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getMessage());
    }

    /** What a control command does to a job that may take it; it writes the journal. */
    @FunctionalInterface
    private interface ControlChange {
        ControlResult apply(Job job) throws JournalWriteException;
    }

    /**
     * How every control command runs (under this runner's lock): refused {@code UNKNOWN_JOB} when
     * there is no job {@code jobId}, else {@code refusal}'s answer when it has one (null: the job may
     * take the command), else {@code change}'s, refused {@code JOURNAL_ERROR} when the journal
     * cannot be written.
     */
    private ControlResult control(String jobId, Function<Job, ControlResult> refusal, ControlChange change) {
        Job job = table.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        ControlResult refused = refusal.apply(job);
        if (refused != null) {
            return refused;
        }
        try {
            return change.apply(job);
        } catch (JournalWriteException e) {
            return journalError(e);
        }
    }

    /** Refused {@code WRONG_STATE}, naming the state of {@code job} and {@code detail} after it. */
    private static ControlResult wrongState(String jobId, Job job, String detail) {
        return ControlResult.refused(ControlError.WRONG_STATE, "job " + jobId + " is " + job.rec.state() + detail);
    }

    /** Whether {@code job}'s process is running on its boards (not stopped, not exited). */
    private static boolean runningOnBoards(Job job) {
        return job.rec.state() == JobState.RUNNING && job.rec.reason() != JobReason.EXITED;
    }

    @Override
    public synchronized ControlResult cancel(String jobId, String why) {
        return control(jobId, job -> job.rec.state().terminal() ? wrongState(jobId, job, "") : null, job -> {
            transitions.end(job, ctx.time.now(), JobState.CANCELLED, JobReason.CANCELLED_BY_COMMAND, why == null ? "" : why);
            return ControlResult.done("cancelled");
        });
    }

    @Override
    public synchronized List<JobStatus> list() {
        return table.all().stream().filter(j -> j.rec.checkRun() == null).map(j -> JobStatus.of(j.rec)).toList();
    }

    @Override
    public synchronized Optional<JobStatus> get(String jobId) {
        return Optional.ofNullable(table.get(jobId)).filter(j -> j.rec.checkRun() == null).map(j -> JobStatus.of(j.rec));
    }

    @Override
    public synchronized List<ResultSummary> pendingResults() {
        return table.all().stream().filter(table::resultPending)
                .sorted(Comparator.comparingInt((Job j) -> -j.spec().priority())
                        .thenComparing(j -> j.rec.finishedAt(), Comparator.nullsLast(Comparator.naturalOrder())))
                .map(j -> new ResultSummary(j.id(), j.spec().owner(), j.spec().priority(), j.rec.finishedAt(),
                        j.rec.result().files().size(), j.rec.result().totalBytes()))
                .toList();
    }

    @Override
    public synchronized Optional<ResultBundle> openResult(String jobId) {
        Job job = table.get(jobId);
        if (job == null || !table.resultPending(job)) {
            return Optional.empty();
        }
        List<String> problems = ctx.results.verify(jobId, job.rec.result());
        if (!problems.isEmpty()) {
            transitions.markCorrupt(job, ctx.time.now(), problems);
            return Optional.empty();
        }
        ResultManifest m = job.rec.result();
        return Optional.of(new ResultBundle(jobId, m.owner(), m.files(), m.totalBytes(), ctx.results.filesDir(jobId)));
    }

    @Override
    public synchronized ControlResult ackResult(String jobId) {
        return control(jobId, job -> awaitsAcknowledgement(job) ? null
                : ControlResult.refused(ControlError.NO_RESULT, "job " + jobId + " has no result awaiting acknowledgement ("
                        + job.rec.state() + (job.rec.resultAcked() ? ", acknowledged" : "") + ")"),
                job -> acknowledge(job, jobId));
    }

    /** Whether {@code job} succeeded and its result is stored, checked and not yet acknowledged. */
    private static boolean awaitsAcknowledgement(Job job) {
        return job.rec.state() == JobState.SUCCEEDED && job.rec.result() != null && !job.rec.resultAcked()
                && job.rec.checkRun() == null;
    }

    /** Records the ground's acknowledgement of {@code job}'s result, then deletes the result. */
    private ControlResult acknowledge(Job job, String jobId) throws JournalWriteException {
        Instant now = ctx.time.now();
        transitions.commit(job, job.rec.edit(e -> {
            e.resultAcked = true;
            e.updatedAt = now;
        }));
        table.clearCorrupt(jobId);
        try {
            ctx.results.delete(jobId);
        } catch (IOException e) {
            LOG.warn("result of {} acknowledged but not yet deleted ({}); deleted at the next start", jobId, e.toString());
        }
        ctx.events.emit(now, Severity.INFO, "RESULT_ACKED", "result of job " + jobId
                + " acknowledged by the ground and deleted", Map.of("jobId", jobId, "resultBytes", job.rec.result().totalBytes()));
        ctx.resultsBound.afterAcknowledged(now);
        return ControlResult.done("acknowledged");
    }

    // ------------------------------------------------------------------------------------------
    // JobControl

    @Override
    public synchronized List<RunningJob> runningJobs() {
        return table.all().stream().filter(j -> j.rec.state().onBoards() && j.rec.reason() != JobReason.EXITED)
                .sorted(JobScheduler.ORDER).map(j -> {
            JobSpec s = j.spec();
            List<Integer> idx = j.rec.boardIds().stream().map(b -> boards.board(b).spec().index()).toList();
            return new RunningJob(s.id(), s.owner(), s.priority(), j.rec.state(), j.rec.suspendCause(), j.rec.boardIds(),
                    idx, s.boards().minCapWOrZero(), s.deadline(), s.checkpointable(), j.rec.workUnits(),
                    s.expectedWorkUnits(), j.rec.energyUsedWh(), s.energyBudgetWh());
        }).toList();
    }

    @Override
    public synchronized ControlResult suspend(String jobId, String reason) {
        return control(jobId, job -> runningOnBoards(job) ? null : wrongState(jobId, job, ""),
                job -> transitions.suspend(job, ctx.time.now(), JobReason.SUSPENDED_BY_COMMAND, SuspendCause.COMMANDED,
                        reason == null ? "" : reason) ? ControlResult.done("suspended")
                        : ControlResult.refused(ControlError.SIGNAL_FAILED, "SIGSTOP not delivered to job " + jobId));
    }

    @Override
    public synchronized ControlResult resume(String jobId) {
        return control(jobId, job -> job.rec.state() == JobState.SUSPENDED && job.rec.suspendCause() == SuspendCause.COMMANDED
                ? null : wrongState(jobId, job, job.rec.suspendCause() == SuspendCause.PREEMPTED
                        ? " (preempted: resumes when its boards are free)" : ""), job -> {
            transitions.resume(job, ctx.time.now());
            return ControlResult.done("resumed");
        });
    }

    @Override
    public synchronized ControlResult requestCheckpoint(String jobId) {
        return control(jobId, job -> !job.spec().checkpointable()
                ? ControlResult.refused(ControlError.NOT_CHECKPOINTABLE, "job " + jobId + " does not support checkpoints")
                : runningOnBoards(job) ? null : wrongState(jobId, job, ""), job -> {
            Instant now = ctx.time.now();
            if (job.spec().kind() == JobKind.SYNTHETIC) {
                transitions.checkpointSynthetic(job, now);
                return ControlResult.done("checkpointed");
            }
            transitions.beginCheckpoint(job, now, false, "checkpoint requested");
            return ControlResult.done("checkpoint requested");
        });
    }

    // ------------------------------------------------------------------------------------------
    // Hooks for the throttler and fault protection (called on the control thread)

    /**
     * How much the work for {@code boardId} is worth to the throttler: {@code (priority + 1) / 51}
     * of the job on it (1.0 at the default priority 50), or, for a free board, of the
     * highest-priority queued job that could use it; 0 when there is nothing for it (the board may
     * be switched off).
     */
    @Override
    public synchronized double boardWeight(String boardId) {
        Instant last = boards.lastTick();
        if (last != null && !ctx.checks.boardUsable(boardId, last)) {
            return 0; // quarantined for wrong results: no work for it, the throttler may switch it off
        }
        for (Job j : table.all()) {
            if (j.rec.state().onBoards() && j.rec.boardIds().contains(boardId)) {
                return weight(j.spec().priority());
            }
        }
        AcceleratorBoard board = boards.board(boardId);
        if (board == null) {
            return 0;
        }
        int best = -1;
        for (Job j : table.all()) {
            if (j.rec.state() == JobState.QUEUED && board.spec().maxCapW() >= j.spec().boards().minCapWOrZero()) {
                best = Math.max(best, j.spec().priority());
            }
        }
        return best < 0 ? 0 : weight(best);
    }

    @Override
    public synchronized String boardGang(String boardId) {
        for (Job j : table.all()) {
            JobState state = j.rec.state();
            boolean working = state == JobState.RUNNING || state == JobState.CHECKPOINTING
                    || state == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.SHED;
            if (working && j.rec.boardIds().size() > 1 && j.rec.boardIds().contains(boardId)) {
                return j.spec().id();
            }
        }
        return null;
    }

    private static double weight(int priority) {
        return (priority + 1) / 51.0;
    }

    /**
     * The throttler switched {@code boardId} off ({@code reason}: POWER or THERMAL): the job on it
     * is suspended in place (SIGSTOP; cause {@link SuspendCause#SHED}) rather than moved, and its
     * boards being off does not count as a board loss.
     */
    @Override
    public synchronized void boardShed(String boardId, String reason) {
        boards.shed(boardId);
        Instant now = ctx.time.now();
        for (Job j : table.all()) {
            if (j.rec.state() == JobState.RUNNING && j.rec.reason() != JobReason.EXITED
                    && j.rec.boardIds().contains(boardId)) {
                try {
                    transitions.suspend(j, now, JobReason.SUSPENDED_BY_COMMAND, SuspendCause.SHED,
                            "board " + boardId + " switched off by the throttler (" + reason + ")");
                } catch (JournalWriteException e) {
                    ctx.ledger.deferred(j.id(), "the job runs on and is moved if board " + boardId + " stays off", e);
                }
            }
        }
    }

    /**
     * The throttler switched {@code boardId} back on: jobs suspended for it resume once all their
     * boards read enabled (a board comes back after its command's latency; until then it is neither
     * lost nor usable).
     */
    @Override
    public synchronized void boardRestored(String boardId) {
        boards.restore(boardId, ctx.time.now());
    }

    /** Resumes the jobs suspended for boards the throttler switched off, once all their boards are back. */
    private void resumeShedJobs(Instant now) {
        for (Job j : table.all()) {
            if (j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.SHED
                    && j.rec.boardIds().stream().allMatch(b -> !boards.waiting(b) && boards.usable(b))) {
                try {
                    transitions.resume(j, now);
                } catch (JournalWriteException e) {
                    ctx.ledger.deferred(j.id(), "resumed on the next tick", e);
                }
            }
        }
    }

    /** Fault protection isolated {@code boardId}: the job on it is requeued from its last checkpoint at once. */
    @Override
    public synchronized void boardIsolated(String boardId, String reason) {
        boards.unshed(boardId);
        Instant now = ctx.time.now();
        for (Job j : table.snapshot()) {
            if (j.rec.state().onBoards() && j.rec.reason() != JobReason.EXITED && j.rec.boardIds().contains(boardId)) {
                try {
                    transitions.requeue(j, now, JobReason.BOARD_LOST, "board " + boardId
                            + " isolated by fault protection: " + reason);
                } catch (JournalWriteException e) {
                    ctx.ledger.deferred(j.id(), "the board loss is noticed again on the next tick", e);
                }
            }
        }
    }
}
