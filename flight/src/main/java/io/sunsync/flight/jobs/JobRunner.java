package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.journal.Damage;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.flight.jobs.process.JobProcess;
import io.sunsync.flight.jobs.process.ProcessSignals;
import io.sunsync.flight.jobs.process.ProcessTable;
import io.sunsync.flight.jobs.results.ResultManifest;
import io.sunsync.flight.jobs.results.ResultStore;
import io.sunsync.flight.jobs.results.ResultStoreException;
import io.sunsync.flight.sched.Lifecycle;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.Quality;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * <p>Threading: every public method is {@code synchronized} on the runner: the scheduler thread
 * ticks it, the command link and the throttler call it from theirs. Calls wait for at most one
 * tick's work plus a journal write.
 */
public final class JobRunner implements JobService, JobControl, Scheduled, Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Environment variable every job process gets, holding the runner's data directory: finds orphans. */
    public static final String ENV_MARKER = "SUNSYNC_JOBS_ROOT";
    /** Exit code by which a job says "I checkpointed; restart me from it later" (EX_TEMPFAIL). */
    public static final int CHECKPOINT_EXIT_CODE = 75;
    /** Event source name. */
    public static final String SOURCE = "jobs";
    private static final int TAIL_CHARS = 600;
    private static final int USR1 = ProcessSignals.number("USR1");

    private final JobsConfig config;
    private final Path dataDir;
    private final Path jobsDir;
    private final List<AcceleratorBoard> boards;
    private final Map<String, AcceleratorBoard> boardsById = new LinkedHashMap<>();
    private final TimeSource time;
    private final EventSink events;
    private final Journal<JobRecord> journal;
    private final ResultChecks checks;
    private final CheckContext checkContext = new CheckContext();
    private ResultStore results;
    private FileChannel lockChannel;
    private FileLock lock;

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final List<Drain> drains = new ArrayList<>();
    private final Map<String, BoardReading> readings = new HashMap<>();
    private final Set<String> corruptResults = new HashSet<>();
    private final Set<String> shedBoards = new HashSet<>();
    private long submitSeq;
    private boolean started;
    private Instant lastTick;
    private boolean storeFullReported;
    private boolean journalFailing;

    /** The runtime side of a job: its durable record plus what only lives in memory. */
    private static final class Job {
        JobRecord rec;
        JobProcess process;
        final Map<String, Double> lastWork = new HashMap<>();
        long checkpointDeadlineNanos;
        boolean preempting;
        boolean checkpointSignalled;
        boolean storeRetrying;
        Instant lastProgressAt;
        final Set<String> victims = new LinkedHashSet<>();

        Job(JobRecord rec) {
            this.rec = rec;
        }

        String id() {
            return rec.id();
        }

        JobSpec spec() {
            return rec.spec();
        }
    }

    /** A process being stopped; it holds its boards until its whole group is gone. */
    private static final class Drain {
        final String jobId;
        final JobProcess process;
        final List<String> boardIds;
        final long killAtNanos;
        final Path deleteWhenGone;
        boolean killed;

        Drain(String jobId, JobProcess process, List<String> boardIds, long killAtNanos, Path deleteWhenGone) {
            this.jobId = jobId;
            this.process = process;
            this.boardIds = List.copyOf(boardIds);
            this.killAtNanos = killAtNanos;
            this.deleteWhenGone = deleteWhenGone;
        }
    }

    /** The journal could not be written: the change it guarded did not happen. */
    private static final class JournalWriteException extends RuntimeException {
        JournalWriteException(IOException cause) {
            super(cause);
        }
    }

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
        this.checks = Objects.requireNonNull(checks, "checks");
        this.config = Objects.requireNonNull(config, "config");
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.jobsDir = this.dataDir.resolve("jobs");
        this.boards = List.copyOf(boards);
        for (AcceleratorBoard b : this.boards) {
            boardsById.put(b.spec().id(), b);
        }
        this.time = Objects.requireNonNull(time, "time");
        this.events = Objects.requireNonNull(events, "events");
        this.journal = new Journal<>(this.dataDir.resolve("journal"), JobRecord.class, JobRecord::id);
    }

    @Override
    public String name() {
        return "jobs";
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** A job's directory ({@code work/}, {@code checkpoint/}, {@code result/}, {@code logs/}). */
    public Path jobDir(String jobId) {
        return jobsDir.resolve(jobId);
    }

    // ------------------------------------------------------------------------------------------
    // Start-up: replay and recovery

    /**
     * Replays the journal and recovers (see the class comment), then compacts the journal.
     *
     * @throws UncheckedIOException when the data directory cannot be used
     * @throws IllegalStateException when another runner holds the data directory
     */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        Instant now = time.now();
        try {
            Files.createDirectories(jobsDir);
            lockChannel = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("another job runner is using " + dataDir);
            }
            results = new ResultStore(dataDir.resolve("results"), dataDir.resolve("results-staging"),
                    config.maxResultBytesPerJob());
            lastTick = now;
            checks.start(now);
            long t0 = System.nanoTime();
            Journal.Replay<JobRecord> replay = journal.open();
            reportDamage(now, replay.damage());
            int orphans = killOrphans(replay.latest().values());
            for (JobRecord rec : replay.latest().values()) {
                jobs.put(rec.id(), new Job(rec));
                submitSeq = Math.max(submitSeq, rec.submitSeq());
            }
            Map<String, Integer> outcome = new TreeMap<>();
            for (Job job : new ArrayList<>(jobs.values())) {
                outcome.merge(recover(job, now), 1, Integer::sum);
            }
            results.clearStaging(); // only now: recovery may have finished storing a staged result
            removeStrays();
            trimFinished();
            journal.compact(records());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("jobs", jobs.size());
            data.put("snapshotRecords", replay.snapshotRecords());
            data.put("journalRecords", replay.entries().size());
            data.put("damaged", replay.damage().size());
            data.put("orphansKilled", orphans);
            data.put("recovery", outcome);
            data.put("replayMs", (System.nanoTime() - t0) / 1_000_000);
            emit(now, Severity.INFO, "JOBS_RECOVERED", "job runner recovered " + jobs.size() + " jobs from "
                    + dataDir + " " + outcome, data);
        } catch (IOException | RuntimeException e) {
            forgetFailedStart();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("job runner cannot use " + dataDir, io);
            }
            throw (RuntimeException) e;
        }
        lastTick = now;
        started = true;
    }

    /** Whether {@link #start()} has succeeded (the runner accepts jobs and ticks). */
    public synchronized boolean isStarted() {
        return started;
    }

    /** Undoes a start that failed half way (e.g. a full disk), so that it can be tried again. */
    private void forgetFailedStart() {
        jobs.clear();
        submitSeq = 0;
        try {
            journal.close();
        } catch (IOException e) {
            LOG.debug("closing the journal after a failed start: {}", e.toString());
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null && lockChannel.isOpen()) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the lock after a failed start: {}", e.toString());
        }
        lock = null;
        lockChannel = null;
    }

    private void reportDamage(Instant now, List<Damage> damage) {
        for (Damage d : damage) {
            String code = switch (d.kind()) {
                case TORN_TAIL -> "JOURNAL_TAIL_DROPPED";
                case CORRUPT_FRAME -> "JOURNAL_RECORD_CORRUPT";
                case UNDECODABLE_RECORD -> "JOURNAL_RECORD_UNDECODABLE";
                case BAD_SNAPSHOT -> "JOURNAL_SNAPSHOT_DAMAGED";
            };
            Severity sev = d.kind() == Damage.Kind.TORN_TAIL ? Severity.LOW : Severity.HIGH;
            emit(now, sev, code, "journal: " + d.detail() + " at byte " + d.offset() + " (" + d.lengthBytes() + " bytes)",
                    Map.of("offset", d.offset(), "lengthBytes", d.lengthBytes()));
        }
    }

    /**
     * Kills every process left by a previous runner on this data directory; returns how many.
     * Scans again after each round until none is left (up to 5 s): an orphan may fork between a
     * scan and its kill, and a very young one may not have its own process group yet.
     */
    private int killOrphans(Iterable<JobRecord> recs) {
        Set<Long> killed = new LinkedHashSet<>();
        for (JobRecord r : recs) {
            if (r.pid() != null && r.pidStartedAt() != null && JobProcess.sameProcess(r.pid(), r.pidStartedAt())) {
                killed.add(r.pid());
                killTree(r.pid(), Set.of(r.pid()));
            }
        }
        long until = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<Long> found = ProcessTable.withEnv(ENV_MARKER, dataDir.toString()).stream()
                    .filter(p -> ProcessTable.state(p) != 'Z').toList();
            Set<Long> alive = new LinkedHashSet<>(found);
            killed.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessTable.state(p) != 'Z' && ProcessTable.state(p) != '?').forEach(alive::add);
            if (alive.isEmpty() || System.nanoTime() - until > 0) {
                if (!alive.isEmpty()) {
                    LOG.error("job processes of a previous run survive SIGKILL: {}", alive);
                }
                break;
            }
            for (long pid : alive) {
                killTree(pid, alive);
            }
            killed.addAll(alive);
            pause(10);
        }
        if (killed.isEmpty()) {
            return 0;
        }
        LOG.warn("killed {} orphaned job processes of a previous run: {}", killed.size(), killed);
        emit(time.now(), Severity.LOW, "JOB_ORPHANS_KILLED", "killed " + killed.size()
                + " job processes left by the previous run", Map.of("pids", List.copyOf(killed)));
        return killed.size();
    }

    /** SIGKILL to {@code pid}, and to its process group when the group is one of {@code jobPids} (a job's own). */
    private static void killTree(long pid, Set<Long> jobPids) {
        ProcessTable.processGroup(pid).ifPresent(pgid -> {
            if (jobPids.contains(pgid)) {
                ProcessSignals.toGroup(pgid, "KILL");
            }
        });
        ProcessSignals.toProcess(pid, "KILL");
    }

    private String recover(Job job, Instant now) throws IOException {
        JobRecord r = job.rec;
        if (r.state() == JobState.SUCCEEDED) {
            if (r.resultAcked()) {
                results.delete(r.id());
                return "acknowledged";
            }
            // Cheap at start (manifest and sizes); every byte is hashed again when it is opened for downlink.
            List<String> problems = r.result() == null ? List.of("no manifest in the journal")
                    : results.checkPresent(r.id(), r.result());
            if (!problems.isEmpty()) {
                markCorrupt(job, now, problems);
                return "resultCorrupt";
            }
            return "resultPending";
        }
        if (r.state().terminal()) {
            ResultStore.deleteTree(jobDir(r.id()));
            return "finished";
        }
        if (r.state() == JobState.CHECKING) {
            return "checking"; // the check resumes where its journaled progress says
        }
        if (r.state() == JobState.QUEUED) {
            return "queued";
        }
        try {
            if (r.reason() == JobReason.EXITED) {
                finish(job, now, true);
                return "resultStored";
            }
            requeue(job, now, JobReason.RUNNER_RESTARTED, "flight software restarted while the job was " + r.state());
            return "requeued";
        } catch (JournalWriteException e) {
            throw new IOException("cannot journal the recovery of " + r.id(), e.getCause());
        }
    }

    /** Removes result and job directories no journaled job owns (left by a crash mid-delete). */
    private void removeStrays() throws IOException {
        for (String id : results.storedIds()) {
            Job j = jobs.get(id);
            if (j == null || !holdsResult(j.rec)) {
                results.delete(id);
            }
        }
        for (Path p : results.incomplete()) {
            ResultStore.deleteTree(p);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(jobsDir)) {
            for (Path p : ds) {
                Job j = jobs.get(p.getFileName().toString());
                if (j == null || j.rec.state().terminal()) {
                    ResultStore.deleteTree(p);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The tick

    @Override
    public synchronized void tick(Instant now) {
        if (!started) {
            return;
        }
        double dtS = lastTick == null ? 0 : Math.max(0, Duration.between(lastTick, now).toNanos() / 1e9);
        lastTick = now;
        readBoards();
        reapDrains();
        for (Job job : new ArrayList<>(jobs.values())) {
            if (job.rec.state().terminal()) {
                continue;
            }
            try {
                advance(job, now, dtS);
            } catch (JournalWriteException e) {
                // Reported when it happened; the change did not take effect and is retried next tick.
            }
        }
        try {
            releaseCheckRuns(now);
            resumePreempted(now);
            schedule(now);
        } catch (JournalWriteException e) {
            // as above
        }
        checks.tick(now);
        if (journal.journalBytes() > config.compactAfterBytes()) {
            compact();
        }
    }

    private void readBoards() {
        for (AcceleratorBoard b : boards) {
            try {
                readings.put(b.spec().id(), b.read());
            } catch (RuntimeException e) {
                LOG.warn("board {} could not be read; keeping its last reading", b.spec().id(), e);
            }
        }
    }

    private boolean usable(String boardId) {
        BoardReading r = readings.get(boardId);
        return r != null && r.state() == BoardState.ENABLED && r.quality() != Quality.FAILED
                && checks.boardUsable(boardId, lastTick);
    }

    /** Whether {@code rec} may run on {@code boardId} (a check run never runs where what it checks was computed). */
    private static boolean mayRun(JobRecord rec, String boardId) {
        return rec.checkRun() == null || !rec.checkRun().avoidBoards().contains(boardId);
    }

    /** A job may stay on this board: it is usable, or switched off by the throttler (and nothing worse). */
    private boolean holdable(String boardId) {
        if (usable(boardId)) {
            return true;
        }
        BoardReading r = readings.get(boardId);
        return shedBoards.contains(boardId) && r != null && r.state() == BoardState.DISABLED;
    }

    private void reapDrains() {
        long nanos = System.nanoTime();
        for (var it = drains.iterator(); it.hasNext(); ) {
            Drain d = it.next();
            if (!d.process.anyAlive()) {
                it.remove();
                if (d.deleteWhenGone != null) {
                    deleteQuietly(d.deleteWhenGone);
                }
            } else if (!d.killed && nanos - d.killAtNanos >= 0) {
                LOG.warn("job {}: process {} still alive {} s after SIGTERM; sending SIGKILL", d.jobId, d.process.pid(),
                        config.killGraceS());
                d.process.kill();
                d.killed = true;
            }
        }
    }

    private void advance(Job job, Instant now, double dtS) {
        JobRecord r = job.rec;
        JobSpec s = r.spec();
        if (r.state() == JobState.CHECKING) {
            applyCheck(job, now);
            return;
        }
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
        List<String> lost = r.boardIds().stream().filter(b -> !holdable(b)).toList();
        if (!lost.isEmpty()) {
            String states = lost.stream().map(b -> b + "=" + (checks.boardUsable(b, now) ? Optional.ofNullable(readings.get(b))
                    .map(x -> x.state() + "/" + x.quality()).orElse("unknown") : "quarantined"))
                    .collect(Collectors.joining(", "));
            requeue(job, now, JobReason.BOARD_LOST, "board(s) no longer usable: " + states);
            return;
        }
        if (s.kind() == JobKind.PROCESS) {
            if (job.process == null) {
                requeue(job, now, JobReason.RUNNER_RESTARTED, "no process for a job on boards");
                return;
            }
            var exit = job.process.exitCode();
            if (exit.isPresent()) {
                account(job, dtS, r.state() != JobState.SUSPENDED);
                exited(job, now, exit.getAsInt());
                return;
            }
        }
        account(job, dtS, r.state() == JobState.RUNNING || r.state() == JobState.CHECKPOINTING);
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
            Path ack = ackFile(job.id());
            if (Files.exists(ack)) {
                deleteQuietly(ack);
                checkpointed(job, now);
                return;
            }
            if (r.state() == JobState.CHECKPOINTING && System.nanoTime() - job.checkpointDeadlineNanos >= 0) {
                if (job.preempting) {
                    requeue(job, now, JobReason.PREEMPTED, "checkpoint not acknowledged within "
                            + config.checkpointGraceS() + " s; restarts from its previous checkpoint");
                } else {
                    commit(job, job.rec.edit(e -> {
                        e.state = JobState.RUNNING;
                        e.reason = JobReason.CHECKPOINT_TIMEOUT;
                        e.message = "checkpoint not acknowledged within " + config.checkpointGraceS() + " s";
                        e.updatedAt = now;
                    }));
                }
                return;
            }
        }
        if (job.lastProgressAt == null) {
            job.lastProgressAt = now;
        } else if (Duration.between(job.lastProgressAt, now).toNanos() / 1e9 >= config.progressIntervalS()) {
            job.lastProgressAt = now;
            boolean syntheticCheckpoint = s.kind() == JobKind.SYNTHETIC && s.checkpointable()
                    && job.rec.state() == JobState.RUNNING;
            commit(job, job.rec.edit(e -> {
                e.updatedAt = now;
                if (syntheticCheckpoint) {
                    e.checkpointWorkUnits = e.workUnits;
                    e.checkpoints++;
                }
            }));
        }
    }

    /** Adds the work and energy the job's boards delivered since the last tick (counted only when {@code counting}). */
    private void account(Job job, double dtS, boolean counting) {
        double work = 0;
        boolean measurable = true;
        double energyWh = 0;
        for (String b : job.rec.boardIds()) {
            BoardReading r = readings.get(b);
            if (r == null) {
                continue;
            }
            double w = r.workUnits();
            Double last = job.lastWork.put(b, w);
            if (!Double.isFinite(w)) {
                measurable = false;
            } else if (last != null && Double.isFinite(last) && w >= last) {
                work += w - last;
            }
            if (Double.isFinite(r.powerW())) {
                energyWh += r.powerW() * dtS / 3600.0;
            }
        }
        if (!counting) {
            return;
        }
        double addWork = work;
        double addEnergy = energyWh;
        boolean measured = measurable;
        // In memory only; journaled with the next record (progress records every progressIntervalS).
        job.rec = job.rec.edit(e -> {
            e.workUnits = measured ? (e.workUnits == null ? 0.0 : e.workUnits) + addWork : null;
            e.energyUsedWh += addEnergy;
        });
    }

    private void exited(Job job, Instant now, int code) {
        JobProcess p = job.process;
        job.process = null;
        List<String> held = job.rec.boardIds();
        drain(job.id(), p, held, null, true);
        if (code == 0) {
            commit(job, job.rec.edit(e -> {
                e.reason = JobReason.EXITED;
                e.state = JobState.RUNNING;
                e.exitCode = 0;
                offBoards(e);
                e.updatedAt = now;
            }));
            finish(job, now, false);
        } else if (job.checkpointSignalled && code == 128 + USR1 && USR1 > 0) {
            // Our SIGUSR1 arrived before the job installed its handler (it just started): not its fault.
            requeue(job, now, job.preempting ? JobReason.PREEMPTED : JobReason.CHECKPOINT_SIGNAL_UNHANDLED,
                    "killed by the checkpoint signal before handling it; restarts from its last checkpoint");
        } else if (code == CHECKPOINT_EXIT_CODE && job.spec().checkpointable()) {
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
     * Stores the result of a job whose work is done (journaled EXITED), then marks it SUCCEEDED
     * ({@code adopted}: after a restart interrupted the storing).
     */
    private void finish(Job job, Instant now, boolean adopted) {
        ResultManifest manifest;
        try {
            manifest = results.store(job.id(), job.spec().owner(), jobDir(job.id()).resolve("result"));
        } catch (ResultStoreException e) {
            if (e.failure() == io.sunsync.flight.jobs.results.StoreFailure.IO_ERROR) {
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
        if (job.rec.checkRun() == null && job.spec().check() != null) {
            // Stored, not offered: the result is checked first (silent data corruption).
            CheckProgress check = checks.begin(job.rec, job.rec.lastBoards(), now);
            commit(job, job.rec.edit(e -> {
                e.state = JobState.CHECKING;
                e.reason = JobReason.CHECK_STARTED;
                e.message = manifest.files().size() + " files, " + manifest.totalBytes() + " bytes, being checked";
                e.result = manifest;
                e.check = check;
                offBoards(e);
                e.updatedAt = now;
            }));
        } else {
            JobReason reason = adopted ? JobReason.RESULT_ADOPTED : JobReason.COMPLETED;
            commit(job, job.rec.edit(e -> {
                e.state = JobState.SUCCEEDED;
                e.reason = reason;
                e.message = manifest.files().size() + " files, " + manifest.totalBytes() + " bytes";
                e.result = manifest;
                offBoards(e);
                e.finishedAt = now;
                e.updatedAt = now;
            }));
        }
        if (drains.stream().noneMatch(d -> d.jobId.equals(job.id()))) {
            deleteQuietly(jobDir(job.id()));
        } else {
            drains.replaceAll(d -> d.jobId.equals(job.id()) && d.deleteWhenGone == null
                    ? new Drain(d.jobId, d.process, d.boardIds, d.killAtNanos, jobDir(job.id())) : d);
        }
        long pending = pendingBytes();
        if (pending > config.maxResultBytes() && !storeFullReported) {
            storeFullReported = true;
            emit(now, Severity.MEDIUM, "RESULTS_STORE_FULL", "results awaiting acknowledgement use " + pending
                    + " bytes, over the " + config.maxResultBytes() + "-byte bound: new jobs are refused until the "
                    + "ground acknowledges results", Map.of("pendingBytes", pending, "maxResultBytes", config.maxResultBytes()));
        }
    }

    private void completeSynthetic(Job job, Instant now) {
        JobSpec s = job.spec();
        Path resultDir = jobDir(job.id()).resolve("result");
        try {
            ResultStore.deleteTree(resultDir);
            Files.createDirectories(resultDir);
            SyntheticResult.write(resultDir, job.rec, job.rec.boardIds().stream().map(boardsById::get).toList());
        } catch (IOException e) {
            storeRetry(job, now, "cannot write the synthetic result: " + e);
            return;
        }
        commit(job, job.rec.edit(e -> {
            e.reason = JobReason.EXITED;
            e.state = JobState.RUNNING;
            offBoards(e);
            e.updatedAt = now;
        }));
        finish(job, now, false);
    }

    /** Reports (once per episode) that a finished job's result could not be stored yet. */
    private void storeRetry(Job job, Instant now, String why) {
        if (!job.storeRetrying) {
            job.storeRetrying = true;
            LOG.warn("job {}: result not stored yet, retrying every tick: {}", job.id(), why);
            emit(now, Severity.MEDIUM, "RESULT_STORE_RETRY", "result of " + job.id() + " not stored yet (" + why
                    + "); retrying", Map.of("jobId", job.id()));
        }
    }

    private void checkpointed(Job job, Instant now) {
        if (job.preempting) {
            requeueCheckpointed(job, now, JobReason.PREEMPTED, "checkpointed, preempted by a higher-priority job", null);
            return;
        }
        commit(job, job.rec.edit(e -> {
            e.state = e.state == JobState.CHECKPOINTING ? JobState.RUNNING : e.state;
            e.reason = JobReason.CHECKPOINTED;
            e.message = "checkpoint " + (e.checkpoints + 1) + " acknowledged";
            e.checkpoints++;
            e.checkpointWorkUnits = e.workUnits;
            e.updatedAt = now;
        }));
    }

    // ------------------------------------------------------------------------------------------
    // Result checks (silent data corruption): the decisions are the ResultChecks port's; the runner
    // journals and carries them out.

    /** One step of the check of a job in CHECKING. */
    private void applyCheck(Job job, Instant now) {
        CheckStep step = checks.advance(job.rec, checkContext, now);
        if (step instanceof CheckStep.Progress p) {
            commit(job, job.rec.edit(e -> {
                e.check = p.next();
                e.updatedAt = now;
            }));
        } else if (step instanceof CheckStep.Spawn sp) {
            commit(job, job.rec.edit(e -> {
                e.check = sp.next();
                e.message = sp.run().role().name().toLowerCase(java.util.Locale.ROOT) + " check run "
                        + sp.run().key() + " queued (items " + sp.run().items().size() + ")";
                e.updatedAt = now;
            }));
            if (!jobs.containsKey(sp.run().key())) {
                JobRecord rec = JobRecord.checkRun(sp.spec(), sp.run(), job.rec.submitSeq(), now);
                try {
                    journal.append(rec);
                } catch (IOException e) {
                    throw new JournalWriteException(e); // the check asks for the run again next tick
                }
                jobs.put(rec.id(), new Job(rec));
                report(rec);
            }
        } else if (step instanceof CheckStep.Pass p) {
            commit(job, job.rec.edit(e -> {
                e.state = JobState.SUCCEEDED;
                e.reason = JobReason.CHECKED;
                e.message = "checked: " + p.message();
                e.check = null;
                e.finishedAt = now;
                e.updatedAt = now;
            }));
            releaseCheckRuns(now);
        } else if (step instanceof CheckStep.Fail f) {
            // Discarded, and computed again from scratch: a checkpoint from the same boards is suspect too.
            commit(job, job.rec.edit(e -> {
                e.state = JobState.QUEUED;
                e.reason = JobReason.CHECK_FAILED;
                e.message = "result failed its check and was discarded: " + f.message();
                e.result = null;
                e.check = null;
                e.checkpointWorkUnits = 0.0;
                e.workUnits = e.workUnits == null ? null : Double.valueOf(0.0);
                e.updatedAt = now;
            }));
            deleteResult(job.id());
            deleteQuietly(jobDir(job.id()));
            releaseCheckRuns(now);
        } else if (step instanceof CheckStep.Error err) {
            end(job, now, JobState.FAILED, JobReason.CHECK_ERROR, err.message());
            releaseCheckRuns(now);
        }
    }

    /**
     * Ends the check runs whose check is over (their job passed, failed, ended or moved on to
     * another run): one still queued or running is cancelled, a stored result deleted. Crash-safe
     * by being swept every tick.
     */
    private void releaseCheckRuns(Instant now) {
        for (Job run : new ArrayList<>(jobs.values())) {
            CheckRun cr = run.rec.checkRun();
            if (cr == null || run.rec.state().terminal() && !holdsResult(run.rec)) {
                continue;
            }
            Job of = jobs.get(cr.of());
            CheckProgress p = of == null ? null : of.rec.check();
            if (p != null && of.rec.state() == JobState.CHECKING && p.attempt() == cr.attempt()
                    && (p.sampleRun() == cr.ordinal() || p.refereeRun() == cr.ordinal())) {
                continue; // still needed
            }
            if (!run.rec.state().terminal()) {
                end(run, now, JobState.CANCELLED, JobReason.CANCELLED_BY_COMMAND, "its check is over");
            } else {
                commit(run, run.rec.edit(e -> {
                    e.resultAcked = true;
                    e.updatedAt = now;
                }));
                deleteResult(run.id());
            }
        }
    }

    private void deleteResult(String key) {
        try {
            results.delete(key);
        } catch (IOException e) {
            LOG.warn("result of {} not deleted yet ({}); deleted at the next start", key, e.toString());
        }
    }

    /** What the result checks may read of the runner (under its lock). */
    private final class CheckContext implements ResultChecks.Context {
        @Override
        public Optional<JobRecord> record(String key) {
            return Optional.ofNullable(jobs.get(key)).map(j -> j.rec);
        }

        @Override
        public Path resultFiles(String key) {
            return results.filesDir(key);
        }

        @Override
        public Path scratch(String key) {
            return jobDir(key).resolve("check");
        }

        @Override
        public List<String> verifyStored(String key) {
            Job j = jobs.get(key);
            return j == null || j.rec.result() == null ? List.of("no result") : results.verify(key, j.rec.result());
        }

        @Override
        public Path dataDir() {
            return dataDir;
        }

        @Override
        public long maxLogBytes() {
            return config.maxLogBytes();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Scheduling

    private void resumePreempted(Instant now) {
        Set<String> busy = busyBoards();
        List<Job> waiting = jobs.values().stream()
                .filter(j -> j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.PREEMPTED)
                .sorted(ORDER).toList();
        for (Job j : waiting) {
            if (j.rec.boardIds().stream().allMatch(b -> usable(b) && !busy.contains(b))) {
                resumeJob(j, now);
                busy.addAll(j.rec.boardIds());
            }
        }
    }

    private static final Comparator<Job> ORDER = Comparator
            .comparing((Job j) -> -j.spec().priority())
            .thenComparing(j -> j.spec().deadline() == null ? Instant.MAX : j.spec().deadline())
            .thenComparingLong(j -> j.rec.submitSeq());

    /** Boards a live process or running workload occupies (preempted, suspended jobs lend theirs). */
    private Set<String> busyBoards() {
        Set<String> busy = new HashSet<>();
        for (Job j : jobs.values()) {
            JobRecord r = j.rec;
            if (r.state() == JobState.RUNNING || r.state() == JobState.CHECKPOINTING
                    || (r.state() == JobState.SUSPENDED && r.suspendCause() != SuspendCause.PREEMPTED)) {
                busy.addAll(r.boardIds());
            }
        }
        for (Drain d : drains) {
            busy.addAll(d.boardIds);
        }
        return busy;
    }

    private void schedule(Instant now) {
        List<Job> queued = jobs.values().stream().filter(j -> j.rec.state() == JobState.QUEUED)
                .filter(j -> drains.stream().noneMatch(d -> d.jobId.equals(j.id()))).sorted(ORDER).toList();
        if (queued.isEmpty()) {
            return;
        }
        Set<String> busy = busyBoards();
        Set<String> reserved = new HashSet<>();
        // Boards lent by preempted, suspended jobs go only to jobs of higher priority than the lender.
        Map<String, Integer> lentAt = new HashMap<>();
        for (Job j : jobs.values()) {
            if (j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.PREEMPTED) {
                for (String b : j.rec.boardIds()) {
                    lentAt.merge(b, j.spec().priority(), Math::max);
                }
            }
        }
        for (Job q : queued) {
            JobSpec s = q.spec();
            int need = s.boards().count();
            if (!quotaAllows(s.owner(), need)) {
                continue;
            }
            Set<String> unavailable = new HashSet<>(reserved);
            lentAt.forEach((b, p) -> {
                if (p >= s.priority()) {
                    unavailable.add(b);
                }
            });
            List<String> free = freeBoards(q.rec, busy, unavailable);
            if (free.size() >= need) {
                q.victims.clear();
                List<String> chosen = free.subList(0, need);
                launch(q, now, chosen);
                busy.addAll(chosen);
                continue;
            }
            q.victims.removeIf(v -> !stillReleasing(v));
            if (q.victims.isEmpty()) {
                preemptFor(q, now, free, busy);
                busy = busyBoards();
                free = freeBoards(q.rec, busy, unavailable);
                if (free.size() >= need) {
                    List<String> chosen = free.subList(0, need);
                    launch(q, now, chosen);
                    busy.addAll(chosen);
                    continue;
                }
            }
            if (!q.victims.isEmpty()) {
                reserved.addAll(free); // keep what is free for q while its victims let go
            }
        }
    }

    private List<String> freeBoards(JobRecord rec, Set<String> busy, Set<String> reserved) {
        double minCap = rec.spec().boards().minCapWOrZero();
        List<String> free = new ArrayList<>();
        for (AcceleratorBoard b : boards) {
            String id = b.spec().id();
            if (usable(id) && mayRun(rec, id) && !busy.contains(id) && !reserved.contains(id) && b.spec().maxCapW() >= minCap) {
                free.add(id);
            }
        }
        return free;
    }

    private boolean stillReleasing(String victimId) {
        Job v = jobs.get(victimId);
        return v != null && ((v.rec.state() == JobState.CHECKPOINTING && v.preempting)
                || drains.stream().anyMatch(d -> d.jobId.equals(victimId)));
    }

    private boolean quotaAllows(String owner, int need) {
        Integer max = config.quotaOf(owner).maxBoards();
        if (max == null) {
            return true;
        }
        int used = jobs.values().stream().filter(j -> j.spec().owner().equals(owner) && j.rec.state().onBoards())
                .mapToInt(j -> j.rec.boardIds().size()).sum();
        return used + need <= max;
    }

    /** Chooses lower-priority running jobs whose boards would let {@code q} start, and preempts them. */
    private void preemptFor(Job q, Instant now, List<String> free, Set<String> busy) {
        JobSpec s = q.spec();
        double minCap = s.boards().minCapWOrZero();
        int need = s.boards().count();
        List<Job> candidates = jobs.values().stream()
                .filter(j -> j.rec.state() == JobState.RUNNING && j.spec().priority() < s.priority())
                .sorted(Comparator.comparingInt((Job j) -> j.spec().priority())
                        .thenComparing(j -> j.rec.startedAt() == null ? Instant.MIN : j.rec.startedAt(),
                                Comparator.reverseOrder()))
                .toList();
        int gained = free.size();
        List<Job> chosen = new ArrayList<>();
        for (Job c : candidates) {
            if (gained >= need) {
                break;
            }
            long eligible = c.rec.boardIds().stream()
                    .filter(b -> usable(b) && mayRun(q.rec, b) && boardsById.get(b).spec().maxCapW() >= minCap).count();
            if (eligible > 0) {
                chosen.add(c);
                gained += (int) eligible;
            }
        }
        if (gained < need) {
            return;
        }
        for (Job v : chosen) {
            preempt(v, q, now);
            q.victims.add(v.id());
        }
    }

    private void preempt(Job v, Job q, Instant now) {
        String why = "preempted by " + q.id() + " (priority " + q.spec().priority() + ")";
        if (v.spec().checkpointable() && v.spec().kind() == JobKind.SYNTHETIC) {
            requeueCheckpointed(v, now, JobReason.PREEMPTED, why + "; checkpointed", null);
        } else if (v.spec().checkpointable()) {
            beginCheckpoint(v, now, true, why);
        } else {
            commit(v, v.rec.edit(e -> {
                e.state = JobState.SUSPENDED;
                e.reason = JobReason.PREEMPTED;
                e.suspendCause = SuspendCause.PREEMPTED;
                e.message = why;
                e.updatedAt = now;
            }));
            if (v.process != null) {
                v.process.suspend();
            }
        }
    }

    private void launch(Job job, Instant now, List<String> boardIds) {
        JobSpec s = job.spec();
        if (job.rec.starts() >= config.maxStarts()) {
            end(job, now, JobState.FAILED, JobReason.TOO_MANY_STARTS, "started " + job.rec.starts()
                    + " times without finishing (limit " + config.maxStarts() + ")");
            return;
        }
        boolean measurable = boardIds.stream().map(readings::get)
                .allMatch(r -> r != null && Double.isFinite(r.workUnits()));
        Double resumeFrom = s.checkpointable() ? job.rec.checkpointWorkUnits() : Double.valueOf(0.0);
        Path dir = jobDir(job.id());
        Path work = dir.resolve("work");
        Path checkpoint = dir.resolve("checkpoint");
        Path result = dir.resolve("result");
        Path logs = dir.resolve("logs");
        try {
            if (s.kind() == JobKind.PROCESS && s.process().workDir() == WorkDirPolicy.FRESH) {
                ResultStore.deleteTree(work);
            }
            ResultStore.deleteTree(result); // left by an earlier, unfinished attempt
            if (!s.checkpointable()) {
                ResultStore.deleteTree(checkpoint);
            }
            for (Path p : List.of(work, checkpoint, result, logs)) {
                Files.createDirectories(p);
            }
            Files.deleteIfExists(ackFile(job.id()));
        } catch (IOException e) {
            LOG.error("job {}: cannot prepare {}: {}", job.id(), dir, e.toString());
            emit(now, Severity.MEDIUM, "JOB_START_DEFERRED", "job " + job.id() + ": cannot prepare its directory: " + e,
                    Map.of("jobId", job.id()));
            return;
        }
        commit(job, job.rec.edit(e -> {
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
        }));
        job.lastWork.clear();
        for (String b : boardIds) {
            BoardReading r = readings.get(b);
            job.lastWork.put(b, r == null ? Double.NaN : r.workUnits());
        }
        job.lastProgressAt = now;
        job.preempting = false;
        job.checkpointSignalled = false;
        if (s.kind() == JobKind.SYNTHETIC) {
            return;
        }
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("SUNSYNC_") || k.equals("CUDA_VISIBLE_DEVICES"));
        env.putAll(s.process().env());
        env.put("CUDA_VISIBLE_DEVICES", boardIds.stream().map(b -> Integer.toString(boardsById.get(b).spec().index()))
                .collect(Collectors.joining(",")));
        env.put("SUNSYNC_JOB_ID", s.id());
        env.put("SUNSYNC_JOB_OWNER", s.owner());
        env.put("SUNSYNC_BOARDS", String.join(",", boardIds));
        env.put("SUNSYNC_MIN_CAP_W", Double.toString(s.boards().minCapWOrZero()));
        env.put("SUNSYNC_ENERGY_BUDGET_WH", s.energyBudgetWh() == null ? "" : Double.toString(s.energyBudgetWh()));
        env.put("SUNSYNC_ENERGY_USED_WH", Double.toString(job.rec.energyUsedWh()));
        env.put("SUNSYNC_EXPECTED_WORK_UNITS", s.expectedWorkUnits() == null ? "" : Double.toString(s.expectedWorkUnits()));
        env.put("SUNSYNC_DEADLINE", s.deadline() == null ? "" : s.deadline().toString());
        env.put("SUNSYNC_RESULT_DIR", result.toString());
        env.put("SUNSYNC_CHECKPOINT_DIR", checkpoint.toString());
        env.put("SUNSYNC_CHECKPOINT_ACK", ackFile(job.id()).toString());
        env.put("SUNSYNC_START", Integer.toString(job.rec.starts()));
        env.put("SUNSYNC_ITEMS", s.items() == null ? "" : Integer.toString(s.items()));
        if (job.rec.checkRun() != null) {
            env.put("SUNSYNC_CHECK_ITEMS", job.rec.checkRun().items().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        env.put(ENV_MARKER, dataDir.toString());
        try {
            job.process = JobProcess.start(new JobProcess.Launch(job.id(), s.process().command(), work, env,
                    logs.resolve("stdout.log"), logs.resolve("stderr.log"), config.maxLogBytes()));
        } catch (IOException e) {
            end(job, now, JobState.FAILED, JobReason.LAUNCH_FAILED, e.getMessage());
            return;
        }
        JobProcess p = job.process;
        commit(job, job.rec.edit(e -> {
            e.pid = p.pid();
            e.pidStartedAt = p.startInstant().orElse(null);
        }));
    }

    // ------------------------------------------------------------------------------------------
    // Transitions

    /** Journals {@code next}, then makes it the job's state and reports it. */
    private void commit(Job job, JobRecord next) {
        try {
            journal.append(next);
        } catch (IOException e) {
            if (!journalFailing) {
                // Once per episode: the tick retries every change each second until the disk takes it.
                journalFailing = true;
                LOG.error("job {}: cannot write the journal: {}", job.id(), e.toString());
                emit(time.now(), Severity.HIGH, "JOURNAL_WRITE_FAILED", "cannot write the job journal: " + e
                        + "; changes are retried every tick", Map.of("jobId", job.id()));
            }
            throw new JournalWriteException(e);
        }
        if (journalFailing) {
            journalFailing = false;
            LOG.info("job journal writable again");
            emit(time.now(), Severity.INFO, "JOURNAL_WRITE_RECOVERED", "the job journal is writable again",
                    Map.of("jobId", job.id()));
        }
        JobRecord prev = job.rec;
        job.rec = next;
        if (prev.state() != next.state() || prev.reason() != next.reason()) {
            report(next);
        }
    }

    private void report(JobRecord r) {
        String code;
        Severity sev = Severity.INFO;
        switch (r.state()) {
            case QUEUED -> {
                code = r.reason() == JobReason.SUBMITTED ? "JOB_SUBMITTED" : "JOB_REQUEUED";
                sev = r.reason() == JobReason.SUBMITTED || r.reason() == JobReason.PREEMPTED ? Severity.INFO : Severity.LOW;
            }
            case RUNNING -> {
                switch (r.reason()) {
                    case STARTED -> code = "JOB_STARTED";
                    case RESUMED -> code = "JOB_RESUMED";
                    case CHECKPOINTED -> code = "JOB_CHECKPOINTED";
                    case CHECKPOINT_TIMEOUT -> {
                        code = "JOB_CHECKPOINT_TIMEOUT";
                        sev = Severity.LOW;
                    }
                    case EXITED -> code = "JOB_EXITED";
                    default -> code = "JOB_RUNNING";
                }
            }
            case SUSPENDED -> code = "JOB_SUSPENDED";
            case CHECKPOINTING -> code = "JOB_CHECKPOINT_REQUESTED";
            case CHECKING -> code = "JOB_CHECKING";
            case SUCCEEDED -> code = "JOB_SUCCEEDED";
            case FAILED -> {
                code = "JOB_FAILED";
                sev = Severity.MEDIUM;
            }
            case CANCELLED -> code = "JOB_CANCELLED";
            case EXPIRED -> {
                code = "JOB_EXPIRED";
                sev = Severity.LOW;
            }
            default -> throw new IllegalStateException("unknown state " + r.state());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", r.id());
        data.put("owner", r.spec().owner());
        data.put("state", r.state().name());
        data.put("reason", r.reason().name());
        data.put("starts", r.starts());
        if (!r.boardIds().isEmpty()) {
            data.put("boards", r.boardIds());
        }
        if (r.workUnits() != null) {
            data.put("workUnits", r.workUnits());
        }
        data.put("energyUsedWh", r.energyUsedWh());
        if (r.checkRun() != null) {
            data.put("checkOf", r.checkRun().of());
        }
        if (r.result() != null) {
            data.put("resultBytes", r.result().totalBytes());
        }
        emit(r.updatedAt() == null ? time.now() : r.updatedAt(), sev, code,
                "job " + r.id() + " " + r.state() + " (" + r.reason() + ")" + (r.message().isEmpty() ? "" : ": " + r.message()),
                data);
    }

    /** The record of a job no longer on boards: no boards, no process, not suspended. */
    private static void offBoards(JobRecord.Edit e) {
        e.boardIds = List.of();
        e.pid = null;
        e.pidStartedAt = null;
        e.suspendCause = null;
    }

    /** Ends a job (terminal state), then stops whatever of it still runs. */
    private void end(Job job, Instant now, JobState state, JobReason reason, String message) {
        List<String> held = job.rec.boardIds();
        boolean wasChecking = job.rec.state() == JobState.CHECKING;
        commit(job, job.rec.edit(e -> {
            e.state = state;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.finishedAt = now;
            e.updatedAt = now;
            e.check = null;
        }));
        if (wasChecking) {
            checks.ended(job.id());
            deleteResult(job.id());
        }
        Path dir = jobDir(job.id());
        if (job.process != null) {
            drain(job.id(), job.process, held, dir, false);
            job.process = null;
        } else if (drains.stream().anyMatch(d -> d.jobId.equals(job.id()))) {
            drains.replaceAll(d -> d.jobId.equals(job.id()) ? new Drain(d.jobId, d.process, d.boardIds, d.killAtNanos, dir) : d);
        } else {
            deleteQuietly(dir);
        }
        job.victims.clear();
    }

    /** Back to the queue, from the last checkpoint (or from scratch when the job cannot checkpoint). */
    private void requeue(Job job, Instant now, JobReason reason, String message) {
        List<String> held = job.rec.boardIds();
        boolean checkpointable = job.spec().checkpointable();
        commit(job, job.rec.edit(e -> {
            e.state = JobState.QUEUED;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.workUnits = checkpointable ? e.checkpointWorkUnits : (e.workUnits == null ? null : Double.valueOf(0.0));
            e.updatedAt = now;
        }));
        if (job.process != null) {
            drain(job.id(), job.process, held, null, false);
            job.process = null;
        }
        job.preempting = false;
    }

    /** Back to the queue keeping the progress made: the job just checkpointed. */
    private void requeueCheckpointed(Job job, Instant now, JobReason reason, String message, Integer exitCode) {
        List<String> held = job.rec.boardIds();
        commit(job, job.rec.edit(e -> {
            e.state = JobState.QUEUED;
            e.reason = reason;
            e.message = message;
            offBoards(e);
            e.checkpoints++;
            e.checkpointWorkUnits = e.workUnits;
            e.exitCode = exitCode;
            e.updatedAt = now;
        }));
        if (job.process != null) {
            drain(job.id(), job.process, held, null, false);
            job.process = null;
        }
        job.preempting = false;
    }

    /** Stops a process tree: SIGTERM now (SIGKILL when {@code immediately}), SIGKILL after the grace period. */
    private void drain(String jobId, JobProcess p, List<String> boardIds, Path deleteWhenGone, boolean immediately) {
        if (immediately) {
            p.kill(); // the main process exited: whatever it left in its group goes too
        } else {
            p.terminate();
        }
        drains.add(new Drain(jobId, p, boardIds, System.nanoTime() + (long) (config.killGraceS() * 1e9), deleteWhenGone));
    }

    private void beginCheckpoint(Job job, Instant now, boolean preempting, String why) {
        deleteQuietly(ackFile(job.id()));
        commit(job, job.rec.edit(e -> {
            e.state = JobState.CHECKPOINTING;
            e.reason = JobReason.CHECKPOINT_REQUESTED;
            e.message = why;
            e.updatedAt = now;
        }));
        job.preempting = preempting;
        job.checkpointDeadlineNanos = System.nanoTime() + (long) (config.checkpointGraceS() * 1e9);
        job.checkpointSignalled = true;
        if (job.process == null || !job.process.requestCheckpoint()) {
            LOG.warn("job {}: SIGUSR1 not delivered; its exit will be noticed next tick", job.id());
        }
    }

    private void resumeJob(Job job, Instant now) {
        commit(job, job.rec.edit(e -> {
            e.state = JobState.RUNNING;
            e.reason = JobReason.RESUMED;
            e.message = "";
            e.suspendCause = null;
            e.updatedAt = now;
        }));
        if (job.process != null) {
            job.process.resume();
        }
    }

    private void markCorrupt(Job job, Instant now, List<String> problems) {
        corruptResults.add(job.id());
        emit(now, Severity.HIGH, "RESULT_CORRUPT", "result of job " + job.id()
                + " does not match its checksums and is held back: " + problems,
                Map.of("jobId", job.id(), "problems", problems));
    }

    private void compact() {
        trimFinished();
        try {
            journal.compact(records());
        } catch (IOException e) {
            LOG.error("journal compaction failed: {}", e.toString());
            emit(time.now(), Severity.MEDIUM, "JOURNAL_COMPACTION_FAILED", "journal compaction failed: " + e, Map.of());
        }
    }

    /** Forgets the oldest finished jobs beyond {@link JobsConfig#keepFinishedJobs()} (never an unacknowledged result). */
    private void trimFinished() {
        List<Job> forgettable = jobs.values().stream()
                .filter(j -> j.rec.state().terminal())
                .filter(j -> j.rec.state() != JobState.SUCCEEDED || j.rec.resultAcked())
                .sorted(Comparator.comparingLong(j -> j.rec.submitSeq())).toList();
        int excess = forgettable.size() - config.keepFinishedJobs();
        for (int i = 0; i < excess; i++) {
            jobs.remove(forgettable.get(i).id());
        }
    }

    private List<JobRecord> records() {
        return jobs.values().stream().map(j -> j.rec).toList();
    }

    private long pendingBytes() {
        return jobs.values().stream().filter(j -> holdsResult(j.rec))
                .mapToLong(j -> j.rec.result().totalBytes()).sum();
    }

    /** Whether {@code r} holds a stored result: awaiting acknowledgement, or being checked. */
    private static boolean holdsResult(JobRecord r) {
        return r.result() != null && (r.state() == JobState.SUCCEEDED && !r.resultAcked() || r.state() == JobState.CHECKING);
    }

    private Path ackFile(String jobId) {
        return jobDir(jobId).resolve("checkpoint.ack");
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
        Instant now = time.now();
        int count = spec.boards().count();
        if (count > boards.size()) {
            return reject(spec.id(), JobRejectReason.BAD_BOARD_COUNT, "asks for " + count + " boards; this satellite has "
                    + boards.size());
        }
        double minCap = spec.boards().minCapWOrZero();
        long capable = boards.stream().map(AcceleratorBoard::spec).mapToDouble(BoardSpec::maxCapW).filter(m -> m >= minCap).count();
        if (capable == 0) {
            return reject(spec.id(), JobRejectReason.BAD_MIN_CAP, "no board reaches a cap of " + minCap + " W");
        }
        if (capable < count) {
            return reject(spec.id(), JobRejectReason.BAD_BOARD_COUNT, "asks for " + count + " boards reaching "
                    + minCap + " W; this satellite has " + capable);
        }
        if (spec.kind() == JobKind.SYNTHETIC && boards.stream().map(b -> readings.computeIfAbsent(b.spec().id(), k -> b.read()))
                .anyMatch(r -> !Double.isFinite(r.workUnits()))) {
            return reject(spec.id(), JobRejectReason.SYNTHETIC_UNSUPPORTED,
                    "these boards do not measure delivered work; synthetic jobs need the sim backend");
        }
        if (spec.check() != null && !checks.enabled()) {
            return reject(spec.id(), JobRejectReason.BAD_CHECK, "this satellite checks no results");
        }
        if (spec.check() != null && spec.check().sample() != null && boards.size() < count + 2) {
            return reject(spec.id(), JobRejectReason.BAD_CHECK, "sampling a job on " + count + " boards needs " + (count + 2)
                    + " (a check board and a referee besides its own); this satellite has " + boards.size());
        }
        if (spec.deadline() != null && !spec.deadline().isAfter(now)) {
            return reject(spec.id(), JobRejectReason.DEADLINE_PASSED, "deadline " + spec.deadline() + " is not after "
                    + "mission time " + now);
        }
        if (jobs.containsKey(spec.id())) {
            return reject(spec.id(), JobRejectReason.DUPLICATE_ID, "job " + spec.id() + " is known already ("
                    + jobs.get(spec.id()).rec.state() + ")");
        }
        long unfinished = jobs.values().stream()
                .filter(j -> !j.rec.state().terminal() && j.rec.checkRun() == null).count(); // check runs: per result
        if (unfinished >= config.maxUnfinishedJobs()) {
            return reject(spec.id(), JobRejectReason.QUEUE_FULL, unfinished + " unfinished jobs on board; the bound is "
                    + config.maxUnfinishedJobs() + " (jobs.maxUnfinishedJobs)");
        }
        Integer maxActive = config.quotaOf(spec.owner()).maxActiveJobs();
        if (maxActive != null) {
            long active = jobs.values().stream().filter(j -> j.spec().owner().equals(spec.owner())
                    && !j.rec.state().terminal() && j.rec.checkRun() == null).count();
            if (active >= maxActive) {
                return reject(spec.id(), JobRejectReason.QUOTA_EXCEEDED, "owner " + spec.owner() + " has " + active
                        + " unfinished jobs; quota " + maxActive);
            }
        }
        long pending = pendingBytes();
        if (pending >= config.maxResultBytes()) {
            if (!storeFullReported) {
                storeFullReported = true;
                emit(now, Severity.MEDIUM, "RESULTS_STORE_FULL", "results awaiting acknowledgement use " + pending
                        + " bytes of " + config.maxResultBytes() + ": new jobs are refused", Map.of("pendingBytes", pending));
            }
            return reject(spec.id(), JobRejectReason.STORAGE_FULL, "results awaiting acknowledgement use " + pending
                    + " of " + config.maxResultBytes() + " bytes");
        }
        JobRecord rec = JobRecord.queued(spec, submitSeq + 1, now);
        try {
            journal.append(rec);
        } catch (IOException e) {
            emit(now, Severity.HIGH, "JOURNAL_WRITE_FAILED", "cannot write the job journal: " + e, Map.of("jobId", spec.id()));
            return reject(spec.id(), JobRejectReason.JOURNAL_ERROR, "cannot write the journal: " + e.getMessage());
        }
        submitSeq++;
        jobs.put(spec.id(), new Job(rec));
        report(rec);
        return SubmitResult.accepted(spec.id());
    }

    private SubmitResult reject(String jobId, JobRejectReason reason, String message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", reason.name());
        if (jobId != null) {
            data.put("jobId", jobId);
        }
        emit(time.now(), Severity.LOW, "JOB_REJECTED", "job " + (jobId == null ? "(no id)" : jobId) + " rejected: "
                + reason + ": " + message, data);
        return SubmitResult.rejected(jobId, reason, message);
    }

    @Override
    public synchronized ControlResult cancel(String jobId, String why) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        if (job.rec.state().terminal()) {
            return ControlResult.refused(ControlError.WRONG_STATE, "job " + jobId + " is " + job.rec.state());
        }
        try {
            end(job, time.now(), JobState.CANCELLED, JobReason.CANCELLED_BY_COMMAND, why == null ? "" : why);
        } catch (JournalWriteException e) {
            return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getCause().getMessage());
        }
        return ControlResult.done("cancelled");
    }

    @Override
    public synchronized List<JobStatus> list() {
        return jobs.values().stream().filter(j -> j.rec.checkRun() == null).map(j -> JobStatus.of(j.rec)).toList();
    }

    @Override
    public synchronized Optional<JobStatus> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.rec.checkRun() == null).map(j -> JobStatus.of(j.rec));
    }

    @Override
    public synchronized List<ResultSummary> pendingResults() {
        return jobs.values().stream().filter(this::resultPending)
                .sorted(Comparator.comparingInt((Job j) -> -j.spec().priority())
                        .thenComparing(j -> j.rec.finishedAt(), Comparator.nullsLast(Comparator.naturalOrder())))
                .map(j -> new ResultSummary(j.id(), j.spec().owner(), j.spec().priority(), j.rec.finishedAt(),
                        j.rec.result().files().size(), j.rec.result().totalBytes()))
                .toList();
    }

    private boolean resultPending(Job j) {
        return j.rec.state() == JobState.SUCCEEDED && j.rec.result() != null && !j.rec.resultAcked()
                && !corruptResults.contains(j.id()) && j.rec.checkRun() == null;
    }

    @Override
    public synchronized Optional<ResultBundle> openResult(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null || !resultPending(job)) {
            return Optional.empty();
        }
        List<String> problems = results.verify(jobId, job.rec.result());
        if (!problems.isEmpty()) {
            markCorrupt(job, time.now(), problems);
            return Optional.empty();
        }
        ResultManifest m = job.rec.result();
        return Optional.of(new ResultBundle(jobId, m.owner(), m.files(), m.totalBytes(), results.filesDir(jobId)));
    }

    @Override
    public synchronized ControlResult ackResult(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        if (job.rec.state() != JobState.SUCCEEDED || job.rec.result() == null || job.rec.resultAcked()
                || job.rec.checkRun() != null) {
            return ControlResult.refused(ControlError.NO_RESULT, "job " + jobId + " has no result awaiting acknowledgement ("
                    + job.rec.state() + (job.rec.resultAcked() ? ", acknowledged" : "") + ")");
        }
        Instant now = time.now();
        try {
            commit(job, job.rec.edit(e -> {
                e.resultAcked = true;
                e.updatedAt = now;
            }));
        } catch (JournalWriteException e) {
            return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getCause().getMessage());
        }
        corruptResults.remove(jobId);
        try {
            results.delete(jobId);
        } catch (IOException e) {
            LOG.warn("result of {} acknowledged but not yet deleted ({}); deleted at the next start", jobId, e.toString());
        }
        emit(now, Severity.INFO, "RESULT_ACKED", "result of job " + jobId + " acknowledged by the ground and deleted",
                Map.of("jobId", jobId, "resultBytes", job.rec.result().totalBytes()));
        if (storeFullReported && pendingBytes() < config.maxResultBytes()) {
            storeFullReported = false;
            emit(now, Severity.INFO, "RESULTS_STORE_AVAILABLE", "results store below its bound again; jobs accepted",
                    Map.of("pendingBytes", pendingBytes()));
        }
        return ControlResult.done("acknowledged");
    }

    // ------------------------------------------------------------------------------------------
    // JobControl

    @Override
    public synchronized List<RunningJob> runningJobs() {
        return jobs.values().stream().filter(j -> j.rec.state().onBoards() && j.rec.reason() != JobReason.EXITED)
                .sorted(ORDER).map(j -> {
            JobSpec s = j.spec();
            List<Integer> idx = j.rec.boardIds().stream().map(b -> boardsById.get(b).spec().index()).toList();
            return new RunningJob(s.id(), s.owner(), s.priority(), j.rec.state(), j.rec.suspendCause(), j.rec.boardIds(),
                    idx, s.boards().minCapWOrZero(), s.deadline(), s.checkpointable(), j.rec.workUnits(),
                    s.expectedWorkUnits(), j.rec.energyUsedWh(), s.energyBudgetWh());
        }).toList();
    }

    @Override
    public synchronized ControlResult suspend(String jobId, String reason) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        if (job.rec.state() != JobState.RUNNING || job.rec.reason() == JobReason.EXITED) {
            return ControlResult.refused(ControlError.WRONG_STATE, "job " + jobId + " is " + job.rec.state());
        }
        Instant now = time.now();
        try {
            commit(job, job.rec.edit(e -> {
                e.state = JobState.SUSPENDED;
                e.reason = JobReason.SUSPENDED_BY_COMMAND;
                e.suspendCause = SuspendCause.COMMANDED;
                e.message = reason == null ? "" : reason;
                e.updatedAt = now;
            }));
        } catch (JournalWriteException e) {
            return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getCause().getMessage());
        }
        if (job.process != null && !job.process.suspend()) {
            return ControlResult.refused(ControlError.SIGNAL_FAILED, "SIGSTOP not delivered to job " + jobId);
        }
        return ControlResult.done("suspended");
    }

    @Override
    public synchronized ControlResult resume(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        if (job.rec.state() != JobState.SUSPENDED || job.rec.suspendCause() != SuspendCause.COMMANDED) {
            return ControlResult.refused(ControlError.WRONG_STATE, "job " + jobId + " is " + job.rec.state()
                    + (job.rec.suspendCause() == SuspendCause.PREEMPTED ? " (preempted: resumes when its boards are free)" : ""));
        }
        try {
            resumeJob(job, time.now());
        } catch (JournalWriteException e) {
            return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getCause().getMessage());
        }
        return ControlResult.done("resumed");
    }

    @Override
    public synchronized ControlResult requestCheckpoint(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return ControlResult.refused(ControlError.UNKNOWN_JOB, "no job " + jobId);
        }
        if (!job.spec().checkpointable()) {
            return ControlResult.refused(ControlError.NOT_CHECKPOINTABLE, "job " + jobId + " does not support checkpoints");
        }
        if (job.rec.state() != JobState.RUNNING || job.rec.reason() == JobReason.EXITED) {
            return ControlResult.refused(ControlError.WRONG_STATE, "job " + jobId + " is " + job.rec.state());
        }
        Instant now = time.now();
        try {
            if (job.spec().kind() == JobKind.SYNTHETIC) {
                commit(job, job.rec.edit(e -> {
                    e.reason = JobReason.CHECKPOINTED;
                    e.message = "checkpoint " + (e.checkpoints + 1) + " at " + e.workUnits + " work units";
                    e.checkpoints++;
                    e.checkpointWorkUnits = e.workUnits;
                    e.updatedAt = now;
                }));
                return ControlResult.done("checkpointed");
            }
            beginCheckpoint(job, now, false, "checkpoint requested");
        } catch (JournalWriteException e) {
            return ControlResult.refused(ControlError.JOURNAL_ERROR, e.getCause().getMessage());
        }
        return ControlResult.done("checkpoint requested");
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
        if (lastTick != null && !checks.boardUsable(boardId, lastTick)) {
            return 0; // quarantined for wrong results: no work for it, the throttler may switch it off
        }
        int best = -1;
        for (Job j : jobs.values()) {
            if (j.rec.state().onBoards() && j.rec.boardIds().contains(boardId)) {
                return weight(j.spec().priority());
            }
        }
        AcceleratorBoard board = boardsById.get(boardId);
        if (board == null) {
            return 0;
        }
        for (Job j : jobs.values()) {
            if (j.rec.state() == JobState.QUEUED && board.spec().maxCapW() >= j.spec().boards().minCapWOrZero()) {
                best = Math.max(best, j.spec().priority());
            }
        }
        return best < 0 ? 0 : weight(best);
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
        shedBoards.add(boardId);
        Instant now = time.now();
        for (Job j : jobs.values()) {
            if (j.rec.state() == JobState.RUNNING && j.rec.reason() != JobReason.EXITED
                    && j.rec.boardIds().contains(boardId)) {
                try {
                    commit(j, j.rec.edit(e -> {
                        e.state = JobState.SUSPENDED;
                        e.reason = JobReason.SUSPENDED_BY_COMMAND;
                        e.suspendCause = SuspendCause.SHED;
                        e.message = "board " + boardId + " switched off by the throttler (" + reason + ")";
                        e.updatedAt = now;
                    }));
                    if (j.process != null) {
                        j.process.suspend();
                    }
                } catch (JournalWriteException e) {
                    // reported; the job runs on and is moved if its board stays off
                }
            }
        }
    }

    /** The throttler switched {@code boardId} back on: jobs suspended for it resume once all their boards are on. */
    @Override
    public synchronized void boardRestored(String boardId) {
        shedBoards.remove(boardId);
        Instant now = time.now();
        for (Job j : jobs.values()) {
            if (j.rec.state() == JobState.SUSPENDED && j.rec.suspendCause() == SuspendCause.SHED
                    && j.rec.boardIds().stream().noneMatch(shedBoards::contains)) {
                try {
                    resumeJob(j, now);
                } catch (JournalWriteException e) {
                    // reported; retried when the board is restored again
                }
            }
        }
    }

    /** Fault protection isolated {@code boardId}: the job on it is requeued from its last checkpoint at once. */
    @Override
    public synchronized void boardIsolated(String boardId, String reason) {
        shedBoards.remove(boardId);
        Instant now = time.now();
        for (Job j : new ArrayList<>(jobs.values())) {
            if (j.rec.state().onBoards() && j.rec.reason() != JobReason.EXITED && j.rec.boardIds().contains(boardId)) {
                try {
                    requeue(j, now, JobReason.BOARD_LOST, "board " + boardId + " isolated by fault protection: " + reason);
                } catch (JournalWriteException e) {
                    // reported; the board loss is noticed again on the next tick
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Stop

    /**
     * Stops every job process (SIGTERM, SIGKILL after the kill grace period) and closes the
     * journal. Jobs stay on boards in the journal and are requeued from their checkpoints at the
     * next start.
     */
    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        checks.stop();
        for (Job j : jobs.values()) {
            if (j.process != null) {
                drain(j.id(), j.process, j.rec.boardIds(), null, false);
                j.process = null;
            }
        }
        long until = System.nanoTime() + (long) (config.killGraceS() * 1e9);
        while (!drains.isEmpty() && System.nanoTime() < until) {
            drains.removeIf(d -> !d.process.anyAlive());
            pause(20);
        }
        for (Drain d : drains) {
            d.process.kill();
        }
        drains.clear();
        try {
            journal.close();
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the job journal: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------

    private void emit(Instant t, Severity severity, String code, String message, Map<String, Object> data) {
        try {
            events.emit(new Event(t, severity, SOURCE, code, message, data));
        } catch (RuntimeException e) {
            LOG.warn("event sink failed for {}: {}", code, e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (Files.isDirectory(p)) {
                ResultStore.deleteTree(p);
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", p, e.toString());
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // waiting for killed processes to be gone (monotonic, bounded)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
