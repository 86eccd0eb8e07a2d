package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.process.JobProcess;
import io.sunsync.flight.jobs.process.ProcessSignals;
import io.sunsync.flight.jobs.results.ResultManifest;
import io.sunsync.flight.jobs.results.ResultStore;
import io.sunsync.flight.jobs.results.ResultStoreException;
import io.sunsync.flight.jobs.results.StoreFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-job state machine (states and reasons: {@link JobState}, {@link JobReason}; diagram in
 * docs/jobs.md). Every transition is journaled by {@link #commit} before it takes effect: when the
 * journal cannot take it, {@link JournalWriteException} is thrown before anything else changed,
 * and the caller decides (the tick retries, a command is refused). Once journaled, the transition
 * is reported as an event and carried out: processes signalled or drained, directories deleted,
 * results stored.
 *
 * <p>Threading: not thread-safe; called under the job runner's lock.
 */
final class JobTransitions implements JobScheduler.Actions {
    private static final Logger LOG = LoggerFactory.getLogger(JobTransitions.class);
    private static final int TAIL_CHARS = 600;
    private static final int USR1 = ProcessSignals.number("USR1");

    private final JobContext ctx;
    private final JobLauncher launcher;

    JobTransitions(JobContext ctx) {
        this.ctx = ctx;
        this.launcher = new JobLauncher(ctx);
    }

    /** Journals {@code next}, then makes it the job's state and reports it. */
    void commit(Job job, JobRecord next) throws JournalWriteException {
        ctx.ledger.write(job.id(), next);
        JobRecord prev = job.rec;
        job.rec = next;
        if (prev.state() != next.state() || prev.reason() != next.reason()) {
            ctx.events.stateChanged(next);
        }
    }

    private void commit(Job job, Consumer<JobRecord.Edit> change) throws JournalWriteException {
        commit(job, job.rec.edit(change));
    }

    /**
     * One tick of a job that is not CHECKING: notices its deadline, lost boards, exit, budget,
     * finished synthetic work, checkpoint acknowledgement or timeout, and journals its progress.
     */
    void advance(Job job, Instant now, double dtS) throws JournalWriteException {
        JobRecord r = job.rec;
        JobSpec s = r.spec();
        if (r.reason() == JobReason.EXITED) {
            finish(job, now, false); // the work is done; storing its result failed last time (I/O): try again
            return;
        }
        if (s.deadline() != null && !now.isBefore(s.deadline())) {
            end(job, now, JobState.EXPIRED, JobReason.DEADLINE_PASSED, "deadline " + s.deadline() + " passed");
            return;
        }
        if (r.state() == JobState.QUEUED) {
            return;
        }
        List<String> lost = r.boardIds().stream().filter(b -> !ctx.boards.holdable(b)).toList();
        if (!lost.isEmpty()) {
            requeue(job, now, JobReason.BOARD_LOST, "board(s) no longer usable: " + ctx.boards.describeLost(lost, now));
            return;
        }
        if (s.kind() == JobKind.PROCESS) {
            if (job.process == null) {
                requeue(job, now, JobReason.RUNNER_RESTARTED, "no process for a job on boards");
                return;
            }
            var exit = job.process.exitCode();
            if (exit.isPresent()) {
                WorkMeter.account(job, ctx.boards, dtS, r.state() != JobState.SUSPENDED);
                exited(job, now, exit.getAsInt());
                return;
            }
        }
        WorkMeter.account(job, ctx.boards, dtS, r.state() == JobState.RUNNING || r.state() == JobState.CHECKPOINTING);
        Double budget = s.energyBudgetWh();
        if (budget != null && job.rec.energyUsedWh() > budget) {
            end(job, now, JobState.FAILED, JobReason.ENERGY_BUDGET_EXCEEDED,
                    String.format("used %.1f Wh of a %.1f Wh budget", job.rec.energyUsedWh(), budget));
            return;
        }
        if (s.kind() == JobKind.SYNTHETIC && r.state() == JobState.RUNNING && job.rec.workUnits() != null
                && job.rec.workUnits() >= s.expectedWorkUnits()) {
            completeSynthetic(job, now);
            return;
        }
        if (s.kind() == JobKind.PROCESS) {
            Path ack = ctx.ackFile(job.id());
            if (Files.exists(ack)) {
                JobContext.deleteQuietly(ack);
                checkpointed(job, now);
                return;
            }
            if (r.state() == JobState.CHECKPOINTING && System.nanoTime() - job.checkpointDeadlineNanos >= 0) {
                String late = "checkpoint not acknowledged within " + ctx.config.checkpointGraceS() + " s";
                if (job.preempting) {
                    requeue(job, now, JobReason.PREEMPTED, late + "; restarts from its previous checkpoint");
                } else {
                    commit(job, e -> {
                        e.state = JobState.RUNNING;
                        e.reason = JobReason.CHECKPOINT_TIMEOUT;
                        e.message = late;
                        e.updatedAt = now;
                    });
                }
                return;
            }
        }
        if (job.lastProgressAt == null) {
            job.lastProgressAt = now;
        } else if (Duration.between(job.lastProgressAt, now).toNanos() / 1e9 >= ctx.config.progressIntervalS()) {
            job.lastProgressAt = now;
            boolean syntheticCheckpoint = s.kind() == JobKind.SYNTHETIC && s.checkpointable()
                    && job.rec.state() == JobState.RUNNING;
            commit(job, e -> {
                e.updatedAt = now;
                if (syntheticCheckpoint) {
                    e.checkpointWorkUnits = e.workUnits;
                    e.checkpoints++;
                }
            });
        }
    }

    private void exited(Job job, Instant now, int code) throws JournalWriteException {
        JobProcess p = job.process;
        job.process = null;
        ctx.drains.add(job.id(), p, job.rec.boardIds(), null, true);
        if (code == 0) {
            commit(job, e -> {
                e.reason = JobReason.EXITED;
                e.state = JobState.RUNNING;
                e.exitCode = 0;
                offBoards(e);
                e.updatedAt = now;
            });
            finish(job, now, false);
        } else if (job.checkpointSignalled && code == 128 + USR1 && USR1 > 0) {
            // Our SIGUSR1 arrived before the job installed its handler (it just started): not its fault.
            requeue(job, now, job.preempting ? JobReason.PREEMPTED : JobReason.CHECKPOINT_SIGNAL_UNHANDLED,
                    "killed by the checkpoint signal before handling it; restarts from its last checkpoint");
        } else if (code == JobRunner.CHECKPOINT_EXIT_CODE && job.spec().checkpointable()) {
            requeueCheckpointed(job, now, job.preempting ? JobReason.PREEMPTED : JobReason.CHECKPOINT_EXIT,
                    "exited " + code + " after checkpointing", code);
        } else {
            String tail = p.stderr().tail(TAIL_CHARS).strip();
            JobReason reason = code > 128 && code < 160 ? JobReason.KILLED_BY_SIGNAL : JobReason.EXIT_NONZERO;
            String msg = (reason == JobReason.KILLED_BY_SIGNAL ? "killed by signal " + (code - 128) : "exit code " + code)
                    + (tail.isEmpty() ? "" : "; stderr: " + tail);
            job.rec = job.rec.edit(e -> e.exitCode = code);
            end(job, now, JobState.FAILED, reason, msg);
        }
    }

    /**
     * Stores the result of a job whose work is done (journaled EXITED), then marks it SUCCEEDED, or
     * CHECKING when its spec asks for a check ({@code adopted}: after a restart interrupted the storing).
     */
    void finish(Job job, Instant now, boolean adopted) throws JournalWriteException {
        ResultManifest manifest;
        try {
            manifest = ctx.results.store(job.id(), job.spec().owner(), ctx.jobDir(job.id()).resolve("result"));
        } catch (ResultStoreException e) {
            if (e.failure() == StoreFailure.IO_ERROR) {
                // A full or failing disk: the work is done and its result is still in the job's
                // directory. Keep it (journaled EXITED) and try again next tick.
                storeRetry(job, now, e.getMessage());
                return;
            }
            JobReason reason = switch (e.failure()) {
                case EMPTY -> JobReason.NO_RESULT;
                case NOT_REGULAR_FILE -> JobReason.RESULT_INVALID;
                case TOO_LARGE -> JobReason.RESULT_TOO_LARGE;
                case IO_ERROR -> JobReason.RESULT_STORE_ERROR;
            };
            end(job, now, JobState.FAILED, reason, e.getMessage());
            return;
        }
        job.storeRetrying = false;
        String size = manifest.files().size() + " files, " + manifest.totalBytes() + " bytes";
        if (job.rec.checkRun() == null && job.spec().check() != null) {
            // Stored, not offered: the result is checked first (silent data corruption).
            CheckProgress check = ctx.checks.begin(job.rec, job.rec.lastBoards(), now);
            commit(job, e -> {
                e.state = JobState.CHECKING;
                e.reason = JobReason.CHECK_STARTED;
                e.message = size + ", being checked";
                e.result = manifest;
                e.check = check;
                offBoards(e);
                e.updatedAt = now;
            });
        } else {
            JobReason reason = adopted ? JobReason.RESULT_ADOPTED : JobReason.COMPLETED;
            commit(job, e -> {
                e.state = JobState.SUCCEEDED;
                e.reason = reason;
                e.message = size;
                e.result = manifest;
                offBoards(e);
                e.finishedAt = now;
                e.updatedAt = now;
            });
        }
        if (ctx.drains.holding(job.id())) {
            ctx.drains.deleteWhenGone(job.id(), ctx.jobDir(job.id()), true);
        } else {
            JobContext.deleteQuietly(ctx.jobDir(job.id()));
        }
        ctx.resultsBound.afterStored(now);
    }

    private void completeSynthetic(Job job, Instant now) throws JournalWriteException {
        Path resultDir = ctx.jobDir(job.id()).resolve("result");
        try {
            ResultStore.deleteTree(resultDir);
            Files.createDirectories(resultDir);
            SyntheticResult.write(resultDir, job.rec, job.rec.boardIds().stream().map(ctx.boards::board).toList());
        } catch (IOException e) {
            storeRetry(job, now, "cannot write the synthetic result: " + e);
            return;
        }
        commit(job, e -> {
            e.reason = JobReason.EXITED;
            e.state = JobState.RUNNING;
            offBoards(e);
            e.updatedAt = now;
        });
        finish(job, now, false);
    }

    /** Reports (once per episode) that a finished job's result could not be stored yet. */
    private void storeRetry(Job job, Instant now, String why) {
        if (!job.storeRetrying) {
            job.storeRetrying = true;
            LOG.warn("job {}: result not stored yet, retrying every tick: {}", job.id(), why);
            ctx.events.emit(now, Severity.MEDIUM, "RESULT_STORE_RETRY", "result of " + job.id() + " not stored yet (" + why
                    + "); retrying", Map.of("jobId", job.id()));
        }
    }

    private void checkpointed(Job job, Instant now) throws JournalWriteException {
        if (job.preempting) {
            requeueCheckpointed(job, now, JobReason.PREEMPTED, "checkpointed, preempted by a higher-priority job", null);
            return;
        }
        commit(job, e -> {
            e.state = e.state == JobState.CHECKPOINTING ? JobState.RUNNING : e.state;
            e.reason = JobReason.CHECKPOINTED;
            e.message = "checkpoint " + (e.checkpoints + 1) + " acknowledged";
            e.checkpoints++;
            e.checkpointWorkUnits = e.workUnits;
            e.updatedAt = now;
        });
    }

    /** The record of a job no longer on boards: no boards, no process, not suspended. */
    private static void offBoards(JobRecord.Edit e) {
        e.boardIds = List.of();
        e.pid = null;
        e.pidStartedAt = null;
        e.suspendCause = null;
    }

    /** Ends a job (terminal state), then stops whatever of it still runs. */
    void end(Job job, Instant now, JobState state, JobReason reason, String message) throws JournalWriteException {
        List<String> held = job.rec.boardIds();
        boolean wasChecking = job.rec.state() == JobState.CHECKING;
        commit(job, e -> {
            e.state = state;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.finishedAt = now;
            e.updatedAt = now;
            e.check = null;
        });
        if (wasChecking) {
            ctx.checks.ended(job.id());
            ctx.deleteResult(job.id());
        }
        Path dir = ctx.jobDir(job.id());
        if (job.process != null) {
            ctx.drains.add(job.id(), job.process, held, dir, false);
            job.process = null;
        } else if (ctx.drains.holding(job.id())) {
            ctx.drains.deleteWhenGone(job.id(), dir, false);
        } else {
            JobContext.deleteQuietly(dir);
        }
        job.victims.clear();
    }

    /** Back to the queue, from the last checkpoint (or from scratch when the job cannot checkpoint). */
    void requeue(Job job, Instant now, JobReason reason, String message) throws JournalWriteException {
        boolean checkpointable = job.spec().checkpointable();
        requeue(job, e -> {
            e.state = JobState.QUEUED;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.workUnits = checkpointable ? e.checkpointWorkUnits : (e.workUnits == null ? null : Double.valueOf(0.0));
            e.updatedAt = now;
            countPreemption(e, reason);
        });
    }

    /** A start that ended in a preemption is flight's doing, not a sign of a job that cannot finish. */
    private static void countPreemption(JobRecord.Edit e, JobReason reason) {
        if (reason == JobReason.PREEMPTED) {
            e.preemptions++;
        }
    }

    /** Back to the queue keeping the progress made: the job just checkpointed. */
    private void requeueCheckpointed(Job job, Instant now, JobReason reason, String message, Integer exitCode)
            throws JournalWriteException {
        requeue(job, e -> {
            e.state = JobState.QUEUED;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.checkpoints++;
            e.checkpointWorkUnits = e.workUnits;
            e.exitCode = exitCode;
            e.updatedAt = now;
            countPreemption(e, reason);
        });
    }

    private void requeue(Job job, Consumer<JobRecord.Edit> change) throws JournalWriteException {
        List<String> held = job.rec.boardIds();
        commit(job, change);
        if (job.process != null) {
            ctx.drains.add(job.id(), job.process, held, null, false);
            job.process = null;
        }
        job.preempting = false;
    }

    /** Asks a process job to checkpoint (SIGUSR1); it has the checkpoint grace period to acknowledge. */
    void beginCheckpoint(Job job, Instant now, boolean preempting, String why) throws JournalWriteException {
        JobContext.deleteQuietly(ctx.ackFile(job.id()));
        commit(job, e -> {
            e.state = JobState.CHECKPOINTING;
            e.reason = JobReason.CHECKPOINT_REQUESTED;
            e.message = why;
            e.updatedAt = now;
        });
        job.preempting = preempting;
        job.checkpointDeadlineNanos = System.nanoTime() + (long) (ctx.config.checkpointGraceS() * 1e9);
        job.checkpointSignalled = true;
        if (job.process == null || !job.process.requestCheckpoint()) {
            LOG.warn("job {}: SIGUSR1 not delivered; its exit will be noticed next tick", job.id());
        }
    }

    /** A synthetic job checkpoints at once: its progress so far becomes its checkpoint. */
    void checkpointSynthetic(Job job, Instant now) throws JournalWriteException {
        commit(job, e -> {
            e.reason = JobReason.CHECKPOINTED;
            e.message = "checkpoint " + (e.checkpoints + 1) + " at " + e.workUnits + " work units";
            e.checkpoints++;
            e.checkpointWorkUnits = e.workUnits;
            e.updatedAt = now;
        });
    }

    /**
     * Suspends a running job in place (SIGSTOP to its process group, when it has one); returns
     * whether the signal was delivered.
     */
    boolean suspend(Job job, Instant now, JobReason reason, SuspendCause cause, String message)
            throws JournalWriteException {
        commit(job, e -> {
            e.state = JobState.SUSPENDED;
            e.reason = reason;
            e.suspendCause = cause;
            e.message = message;
            e.updatedAt = now;
        });
        return job.process == null || job.process.suspend();
    }

    @Override
    public void resume(Job job, Instant now) throws JournalWriteException {
        commit(job, e -> {
            e.state = JobState.RUNNING;
            e.reason = JobReason.RESUMED;
            e.message = "";
            e.suspendCause = null;
            e.updatedAt = now;
        });
        if (job.process != null) {
            job.process.resume();
        }
    }

    @Override
    public void preempt(Job v, Job q, Instant now) throws JournalWriteException {
        String why = "preempted by " + q.id() + " (priority " + q.spec().priority() + ")";
        if (v.spec().checkpointable() && v.spec().kind() == JobKind.SYNTHETIC) {
            requeueCheckpointed(v, now, JobReason.PREEMPTED, why + "; checkpointed", null);
        } else if (v.spec().checkpointable()) {
            beginCheckpoint(v, now, true, why);
        } else {
            suspend(v, now, JobReason.PREEMPTED, SuspendCause.PREEMPTED, why);
        }
    }

    @Override
    public void launch(Job job, Instant now, List<String> boardIds) throws JournalWriteException {
        JobSpec s = job.spec();
        if (job.rec.startsCounted() >= ctx.config.maxStarts()) {
            end(job, now, JobState.FAILED, JobReason.TOO_MANY_STARTS, "started " + job.rec.startsCounted()
                    + " times without finishing (limit " + ctx.config.maxStarts() + ")"
                    + (job.rec.preemptions() > 0 ? "; " + job.rec.preemptions() + " more starts ended in preemptions"
                    : ""));
            return;
        }
        boolean measurable = WorkMeter.measurable(boardIds, ctx.boards);
        Double resumeFrom = s.checkpointable() ? job.rec.checkpointWorkUnits() : Double.valueOf(0.0);
        try {
            launcher.prepare(job);
        } catch (IOException e) {
            LOG.error("job {}: cannot prepare {}: {}", job.id(), ctx.jobDir(job.id()), e.toString());
            ctx.events.emit(now, Severity.MEDIUM, "JOB_START_DEFERRED", "job " + job.id()
                    + ": cannot prepare its directory: " + e, Map.of("jobId", job.id()));
            return;
        }
        commit(job, e -> {
            e.state = JobState.RUNNING;
            e.reason = JobReason.STARTED;
            e.message = "start " + (e.starts + 1) + " on " + String.join(",", boardIds);
            e.starts++;
            e.boardIds = List.copyOf(boardIds);
            e.lastBoards = List.copyOf(boardIds);
            e.suspendCause = null;
            e.workUnits = measurable ? (resumeFrom == null ? 0.0 : resumeFrom) : null;
            e.startedAt = now;
            e.updatedAt = now;
            e.pid = null;
            e.pidStartedAt = null;
            e.exitCode = null;
        });
        WorkMeter.baseline(job, boardIds, ctx.boards);
        job.lastProgressAt = now;
        job.preempting = false;
        job.checkpointSignalled = false;
        if (s.kind() == JobKind.SYNTHETIC) {
            return;
        }
        JobProcess p;
        try {
            p = launcher.start(job, boardIds);
        } catch (IOException e) {
            end(job, now, JobState.FAILED, JobReason.LAUNCH_FAILED, e.getMessage());
            return;
        }
        job.process = p;
        commit(job, e -> {
            e.pid = p.pid();
            e.pidStartedAt = p.startInstant().orElse(null);
        });
    }

    /** A stored result does not match its checksums: it is held back from downlink and reported. */
    void markCorrupt(Job job, Instant now, List<String> problems) {
        ctx.table.markCorrupt(job.id());
        ctx.events.resultCorrupt(now, job.id(), problems);
    }
}
