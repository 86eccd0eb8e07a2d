package io.sunsync.flight.jobs.check;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.BoardRequest;
import io.sunsync.flight.jobs.CheckProgress;
import io.sunsync.flight.jobs.CheckRun;
import io.sunsync.flight.jobs.CheckSpec;
import io.sunsync.flight.jobs.CheckStep;
import io.sunsync.flight.jobs.ChecksConfig;
import io.sunsync.flight.jobs.JobRecord;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.ResultChecks;
import io.sunsync.flight.jobs.results.ResultStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the results of jobs that declare a {@link CheckSpec}, for the job runner (its
 * {@link ResultChecks} port), before they may be downlinked:
 * <ul>
 *   <li><b>verifier</b>: the job's verifier runs on the stored result ({@link VerifierRun}); exit 0
 *       passes it, exit 1 fails it (the boards of the items it names wrong, or every board of the
 *       attempt, are blamed), anything else is a {@code CHECK_ERROR};</li>
 *   <li><b>sample</b>: a check run computes the sampled items ({@link ItemSample}) again on a board
 *       the job did not use; equal outputs pass the result; where they differ a referee run on a
 *       third board decides by majority ({@link ItemVote}): the board that computed an item wrong
 *       is blamed (the job's, or the sample's), and a result with a wrong or undecided item
 *       fails.</li>
 * </ul>
 * A failed result is discarded and its job computed again from scratch (by the runner); each
 * blamed board gets a strike in the {@link BoardQuarantine}. Events (source {@code jobs}):
 * {@code RESULT_CHECK_STARTED}, {@code RESULT_CHECK_PASSED}, {@code RESULT_CHECK_FAILED}, and the
 * quarantine's.
 *
 * <p>Threading: called by the job runner under its lock; {@link #restore} and {@link #stats} take
 * the same lock's place by being synchronized themselves.
 */
public final class ResultChecker implements ResultChecks {
    private static final Logger LOG = LoggerFactory.getLogger(ResultChecker.class);
    private static final String SOURCE = "jobs";
    /** Verifier starts after which a result whose verifier never gave a verdict is a CHECK_ERROR. */
    static final int MAX_VERIFIER_STARTS = 3;

    private final ChecksConfig config;
    private final BoardQuarantine quarantine;
    private final EventSink events;
    private final Map<String, VerifierRun> verifiers = new HashMap<>();
    private long started;
    private long passed;
    private long failed;
    private long errors;
    private long strikes;
    private long verifierMs;

    /**
     * @param config         quarantine and isolation settings
     * @param quarantineFile where the quarantine record is kept (e.g. {@code <jobs dataDir>/quarantine.json})
     * @param events         where check and quarantine events go
     * @param isolator       where boards blamed too often are sent to be isolated
     */
    public ResultChecker(ChecksConfig config, Path quarantineFile, EventSink events, BoardIsolator isolator) {
        this.config = config;
        this.events = events;
        this.quarantine = new BoardQuarantine(config, quarantineFile, events, isolator);
    }

    /**
     * Counts since start, for housekeeping and benchmarks.
     *
     * @param started     checks begun
     * @param passed      results that passed
     * @param failed      results that failed (discarded, computed again)
     * @param errors      checks that could not be made
     * @param strikes     boards blamed
     * @param verifierMs  time verifiers ran, in ms of monotonic time
     * @param quarantined boards quarantined or isolated now
     * @param isolated    boards isolated for wrong results
     */
    public record Stats(long started, long passed, long failed, long errors, long strikes, long verifierMs,
                        List<String> quarantined, List<String> isolated) {
    }

    /** The counts so far and the boards out of work now. */
    public synchronized Stats stats(Instant now) {
        List<String> out = new ArrayList<>();
        List<String> iso = new ArrayList<>();
        quarantine.boards().forEach((b, r) -> {
            if (!quarantine.usable(b, now)) {
                out.add(b);
            }
            if (r.isolated()) {
                iso.add(b);
            }
        });
        return new Stats(started, passed, failed, errors, strikes, verifierMs, List.copyOf(out), List.copyOf(iso));
    }

    /** The ground gave {@code boardId} back to service: its strikes, quarantine and isolation are forgotten. */
    public synchronized void restore(String boardId, Instant now) {
        quarantine.restore(boardId, now);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public synchronized void start(Instant now) {
        quarantine.load(now);
    }

    @Override
    public synchronized boolean boardUsable(String boardId, Instant now) {
        return quarantine.usable(boardId, now);
    }

    @Override
    public synchronized void tick(Instant now) {
        quarantine.tick(now);
    }

    @Override
    public synchronized void stop() {
        verifiers.values().forEach(VerifierRun::kill);
        verifiers.clear();
    }

    @Override
    public synchronized void ended(String key) {
        VerifierRun v = verifiers.remove(key);
        if (v != null) {
            v.kill();
        }
    }

    @Override
    public synchronized CheckProgress begin(JobRecord job, List<String> computedOn, Instant now) {
        CheckSpec c = job.spec().check();
        List<Integer> items = c.sample() == null ? List.of()
                : ItemSample.choose(c.items(), computedOn.size(), c.sample().fraction(), ItemSample.seed(job.id(), job.starts()));
        return CheckProgress.begin(job.starts(), computedOn, items);
    }

    /** Reports that the check of {@code job} begins (its first step, once the runner journaled it). */
    private void started(JobRecord job, Instant now) {
        CheckSpec c = job.spec().check();
        CheckProgress p = job.check();
        started++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.id());
        data.put("mode", c.verifier() != null ? "verifier" : "sample");
        data.put("boards", p.computedOn());
        if (c.sample() != null) {
            data.put("items", p.items().size());
            data.put("of", c.items());
        }
        emit(now, Severity.INFO, "RESULT_CHECK_STARTED", "result of " + job.id() + " is being checked ("
                + (c.verifier() != null ? "its verifier" : p.items().size() + " of " + c.items()
                + " items computed again on another board") + ")", data);
    }

    @Override
    public synchronized CheckStep advance(JobRecord job, Context context, Instant now) {
        CheckProgress p = job.check();
        if (p.runs() == 0 && p.verifierStarts() == 0) {
            started(job, now);
        }
        return job.spec().check().verifier() != null ? verify(job, context, now) : sample(job, context, now);
    }

    // ------------------------------------------------------------------------------ verifier

    private CheckStep verify(JobRecord job, Context ctx, Instant now) {
        CheckProgress p = job.check();
        VerifierRun run = verifiers.get(job.id());
        if (run == null) {
            if (p.verifierStarts() >= MAX_VERIFIER_STARTS) {
                return error(job, now, "verifier started " + p.verifierStarts() + " times without a verdict");
            }
            try {
                Path scratch = ctx.scratch(job.id());
                ResultStore.deleteTree(scratch);
                verifiers.put(job.id(), VerifierRun.start(job, ctx.resultFiles(job.id()), scratch, p.computedOn(),
                        ctx.dataDir(), ctx.maxLogBytes()));
            } catch (IOException e) {
                return error(job, now, "verifier cannot be started: " + e.getMessage());
            }
            return new CheckStep.Progress(p.withVerifierStart());
        }
        VerifierRun.Outcome o = run.poll();
        if (o.verdict() == VerifierRun.Verdict.RUNNING) {
            return CheckStep.WAIT;
        }
        verifiers.remove(job.id());
        verifierMs += o.wallMs();
        switch (o.verdict()) {
            case RIGHT -> {
                List<String> problems = ctx.verifyStored(job.id());
                if (!problems.isEmpty()) {
                    return error(job, now, "the result changed while its verifier ran: " + problems);
                }
                return pass(job, now, "verifier", o.detail(), Map.of("verifierMs", o.wallMs()));
            }
            case WRONG -> {
                Set<String> blamed = new LinkedHashSet<>();
                List<Integer> named = job.spec().items() == null ? List.of() : o.wrongItems().stream()
                        .filter(i -> i >= 0 && i < job.spec().items()).toList();
                if (named.isEmpty()) {
                    blamed.addAll(p.computedOn()); // the verifier named no item: any board of the attempt may be at fault
                } else {
                    named.forEach(i -> blamed.add(p.boardOf(i)));
                }
                return fail(job, now, "verifier", o.detail() + (named.isEmpty() ? "" : "; wrong items " + clip(named)),
                        List.copyOf(blamed), named, List.of());
            }
            default -> {
                return error(job, now, o.detail());
            }
        }
    }

    // ------------------------------------------------------------------------------ sampling

    private CheckStep sample(JobRecord job, Context ctx, Instant now) {
        CheckProgress p = job.check();
        if (p.sampleRun() == 0) {
            return spawnSample(job, p, now);
        }
        JobRecord sample = ctx.record(p.runKey(job.id(), p.sampleRun())).orElse(null);
        if (sample == null) {
            // The job's progress was journaled, the run was not (a restart between the two): queue it now.
            return respawn(job, p, p.sampleRun(), CheckRun.Role.SAMPLE, p.items(), p.computedOn());
        }
        if (!sample.state().terminal()) {
            return CheckStep.WAIT;
        }
        if (sample.state() != JobState.SUCCEEDED || sample.result() == null) {
            return spawnSample(job, p, now); // a check run that failed (or was lost) is made again, within the limit
        }
        Map<Integer, String> jobOut = ItemVote.hashes(job.result());
        Map<Integer, String> sampleOut = ItemVote.hashes(sample.result());
        String sampleBoard = sample.lastBoards().isEmpty() ? "?" : sample.lastBoards().get(0);
        if (p.refereeRun() == 0) {
            List<Integer> missing = p.items().stream().filter(i -> !jobOut.containsKey(i)).toList();
            if (!missing.isEmpty()) {
                return error(job, now, "the result has no items/<i> for sampled items " + clip(missing)
                        + " (a job that declares items writes one output per item)");
            }
            List<Integer> absent = p.items().stream().filter(i -> !sampleOut.containsKey(i)).toList();
            if (!absent.isEmpty()) {
                return error(job, now, "the check run on " + sampleBoard + " wrote no items/<i> for " + clip(absent)
                        + " (a check run computes the items in SUNSYNC_CHECK_ITEMS)");
            }
            List<Integer> disputed = ItemVote.disagreements(jobOut, sampleOut, p.items());
            if (disputed.isEmpty()) {
                return pass(job, now, "sample", p.items().size() + " sampled items computed again on " + sampleBoard
                        + ": all equal", Map.of("items", p.items().size(), "checkBoard", sampleBoard));
            }
            if (p.runs() >= config.maxCheckRuns()) {
                return error(job, now, "no referee: " + p.runs() + " check runs made already");
            }
            CheckProgress next = p.withRefereeRun(disputed);
            List<String> avoid = new ArrayList<>(p.computedOn());
            avoid.addAll(sample.lastBoards());
            CheckRun run = new CheckRun(job.id(), p.attempt(), next.refereeRun(), CheckRun.Role.REFEREE, disputed, avoid);
            LOG.info("job {}: items {} differ between {} and the check run on {}; a referee decides", job.id(),
                    clip(disputed), p.computedOn(), sampleBoard);
            return new CheckStep.Spawn(next, run, runSpec(job.spec(), disputed));
        }
        JobRecord referee = ctx.record(p.runKey(job.id(), p.refereeRun())).orElse(null);
        if (referee == null) {
            List<String> avoid = new ArrayList<>(p.computedOn());
            avoid.addAll(sample.lastBoards());
            return respawn(job, p, p.refereeRun(), CheckRun.Role.REFEREE, p.disputed(), avoid);
        }
        if (!referee.state().terminal()) {
            return CheckStep.WAIT;
        }
        if (referee.state() != JobState.SUCCEEDED || referee.result() == null) {
            if (p.runs() >= config.maxCheckRuns()) {
                return error(job, now, "check runs kept failing (the last: " + referee.reason() + ")");
            }
            CheckProgress next = p.withRefereeRun(p.disputed());
            List<String> avoid = new ArrayList<>(p.computedOn());
            avoid.addAll(sample.lastBoards());
            return new CheckStep.Spawn(next, new CheckRun(job.id(), p.attempt(), next.refereeRun(), CheckRun.Role.REFEREE, p.disputed(),
                    avoid), runSpec(job.spec(), p.disputed()));
        }
        String refereeBoard = referee.lastBoards().isEmpty() ? "?" : referee.lastBoards().get(0);
        ItemVote.Verdict v = ItemVote.decide(jobOut, sampleOut, ItemVote.hashes(referee.result()), p.disputed());
        if (!v.sampleWrong().isEmpty()) {
            strike(sampleBoard, now, job.id(), "computed sampled items " + clip(v.sampleWrong()) + " of " + job.id()
                    + " differently from the job's boards and the referee on " + refereeBoard);
        }
        if (v.jobWrong().isEmpty() && v.undecided().isEmpty()) {
            return pass(job, now, "sample", "the referee on " + refereeBoard + " sided with the job on items "
                    + clip(p.disputed()) + " (the check board " + sampleBoard + " was wrong)",
                    Map.of("items", p.items().size(), "checkBoard", sampleBoard, "refereeBoard", refereeBoard));
        }
        Set<String> blamed = new LinkedHashSet<>();
        v.jobWrong().forEach(i -> blamed.add(p.boardOf(i)));
        return fail(job, now, "sample", "items " + clip(v.jobWrong()) + " wrong (the check run on " + sampleBoard
                + " and the referee on " + refereeBoard + " agree)" + (v.undecided().isEmpty() ? ""
                : "; items " + clip(v.undecided()) + " undecided (three different outputs)"),
                List.copyOf(blamed), v.jobWrong(), v.undecided());
    }

    private CheckStep spawnSample(JobRecord job, CheckProgress p, Instant now) {
        if (p.runs() >= config.maxCheckRuns()) {
            return error(job, now, "check runs kept failing: " + p.runs() + " made");
        }
        CheckProgress next = p.withSampleRun();
        CheckRun run = new CheckRun(job.id(), p.attempt(), next.sampleRun(), CheckRun.Role.SAMPLE, p.items(), p.computedOn());
        return new CheckStep.Spawn(next, run, runSpec(job.spec(), p.items()));
    }

    private CheckStep respawn(JobRecord job, CheckProgress p, int ordinal, CheckRun.Role role, List<Integer> items,
                              List<String> avoid) {
        return new CheckStep.Spawn(p, new CheckRun(job.id(), p.attempt(), ordinal, role, items, avoid), runSpec(job.spec(), items));
    }

    /**
     * What a check run of {@code items} runs: the job's spec (its check too, for the item count) on
     * one board, its share of the work, no deadline or budget.
     */
    static JobSpec runSpec(JobSpec s, List<Integer> items) {
        Double work = s.expectedWorkUnits() == null ? null
                : s.expectedWorkUnits() * items.size() / Math.max(1, s.check().items());
        return new JobSpec(s.id(), s.owner(), s.priority(), null, new BoardRequest(1, s.boards().minCapW()), work, null,
                s.kind(), s.process(), s.checkpointable(), s.check());
    }

    // ------------------------------------------------------------------------------ outcomes

    private CheckStep pass(JobRecord job, Instant now, String mode, String detail, Map<String, Object> extra) {
        passed++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.id());
        data.put("mode", mode);
        data.put("boards", job.check().computedOn());
        data.putAll(extra);
        emit(now, Severity.INFO, "RESULT_CHECK_PASSED", "result of " + job.id() + " passed its check: " + detail, data);
        return new CheckStep.Pass(detail);
    }

    private CheckStep fail(JobRecord job, Instant now, String mode, String detail, List<String> blamed,
                           List<Integer> wrongItems, List<Integer> undecided) {
        failed++;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", job.id());
        data.put("mode", mode);
        data.put("boards", job.check().computedOn());
        data.put("blamed", blamed);
        data.put("wrongItems", wrongItems.size() > 100 ? wrongItems.subList(0, 100) : wrongItems);
        data.put("undecidedItems", undecided.size() > 100 ? undecided.subList(0, 100) : undecided);
        emit(now, Severity.HIGH, "RESULT_CHECK_FAILED", "result of " + job.id() + " failed its check and is discarded; "
                + "the job is computed again: " + detail, data);
        for (String b : blamed) {
            strike(b, now, job.id(), "computed part of " + job.id() + " wrong (" + mode + ")");
        }
        return new CheckStep.Fail(detail);
    }

    private CheckStep error(JobRecord job, Instant now, String detail) {
        errors++;
        return new CheckStep.Error(detail);
    }

    private void strike(String board, Instant now, String jobId, String why) {
        strikes++;
        quarantine.strike(board, now, jobId, why);
    }

    private static String clip(List<Integer> items) {
        return items.size() <= 20 ? items.toString() : items.subList(0, 20) + " and " + (items.size() - 20) + " more";
    }

    private void emit(Instant t, Severity severity, String code, String message, Map<String, Object> data) {
        try {
            events.emit(new Event(t, severity, SOURCE, code, message, data));
        } catch (RuntimeException e) {
            LOG.warn("event sink failed for {}: {}", code, e.toString());
        }
    }
}
