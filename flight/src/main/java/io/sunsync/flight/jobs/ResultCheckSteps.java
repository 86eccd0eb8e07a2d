package io.sunsync.flight.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Carries out the checks of results (silent data corruption): the decisions are the
 * {@link ResultChecks} port's; this journals them and carries them out: progress recorded, check
 * runs queued as jobs of their own, a result passed (offered for downlink) or discarded and its
 * job computed again, check runs that are no longer needed cancelled and their results deleted.
 *
 * <p>Threading: not thread-safe; called under the job runner's lock.
 */
final class ResultCheckSteps {
    private final JobContext ctx;
    private final JobTransitions transitions;
    private final ResultChecks.Context view = new View();

    ResultCheckSteps(JobContext ctx, JobTransitions transitions) {
        this.ctx = ctx;
        this.transitions = transitions;
    }

    /** One step of the check of a job in CHECKING. */
    void advance(Job job, Instant now) throws JournalWriteException {
        CheckStep step = ctx.checks.advance(job.rec, view, now);
        if (step instanceof CheckStep.Progress p) {
            transitions.commit(job, job.rec.edit(e -> {
                e.check = p.next();
                e.updatedAt = now;
            }));
        } else if (step instanceof CheckStep.Spawn sp) {
            transitions.commit(job, job.rec.edit(e -> {
                e.check = sp.next();
                e.message = sp.run().role().name().toLowerCase(Locale.ROOT) + " check run "
                        + sp.run().key() + " queued (items " + sp.run().items().size() + ")";
                e.updatedAt = now;
            }));
            if (!ctx.table.contains(sp.run().key())) {
                JobRecord rec = JobRecord.checkRun(sp.spec(), sp.run(), job.rec.submitSeq(), now);
                try {
                    ctx.ledger.writeNew(rec);
                } catch (IOException e) {
                    throw new JournalWriteException(e); // the check asks for the run again next tick
                }
                ctx.table.add(rec);
                ctx.events.stateChanged(rec);
            }
        } else if (step instanceof CheckStep.Pass p) {
            transitions.commit(job, job.rec.edit(e -> {
                e.state = JobState.SUCCEEDED;
                e.reason = JobReason.CHECKED;
                e.message = "checked: " + p.message();
                e.check = null;
                e.finishedAt = now;
                e.updatedAt = now;
            }));
            releaseRuns(now);
        } else if (step instanceof CheckStep.Fail f) {
            // Discarded, and computed again from scratch: a checkpoint from the same boards is suspect too.
            transitions.commit(job, job.rec.edit(e -> {
                e.state = JobState.QUEUED;
                e.reason = JobReason.CHECK_FAILED;
                e.message = "result failed its check and was discarded: " + f.message();
                e.result = null;
                e.check = null;
                e.checkpointWorkUnits = 0.0;
                e.workUnits = e.workUnits == null ? null : Double.valueOf(0.0);
                e.updatedAt = now;
            }));
            ctx.deleteResult(job.id());
            JobContext.deleteQuietly(ctx.jobDir(job.id()));
            releaseRuns(now);
        } else if (step instanceof CheckStep.Error err) {
            transitions.end(job, now, JobState.FAILED, JobReason.CHECK_ERROR, err.message());
            releaseRuns(now);
        }
    }

    /**
     * Ends the check runs whose check is over (their job passed, failed, ended or moved on to
     * another run): one still queued or running is cancelled, a stored result deleted. Crash-safe
     * by being swept every tick.
     */
    void releaseRuns(Instant now) throws JournalWriteException {
        for (Job run : ctx.table.snapshot()) {
            CheckRun cr = run.rec.checkRun();
            if (cr == null || run.rec.state().terminal() && !JobTable.holdsResult(run.rec)) {
                continue;
            }
            Job of = ctx.table.get(cr.of());
            CheckProgress p = of == null ? null : of.rec.check();
            if (p != null && of.rec.state() == JobState.CHECKING && p.attempt() == cr.attempt()
                    && (p.sampleRun() == cr.ordinal() || p.refereeRun() == cr.ordinal())) {
                continue; // still needed
            }
            if (!run.rec.state().terminal()) {
                transitions.end(run, now, JobState.CANCELLED, JobReason.CANCELLED_BY_COMMAND, "its check is over");
            } else {
                transitions.commit(run, run.rec.edit(e -> {
                    e.resultAcked = true;
                    e.updatedAt = now;
                }));
                ctx.deleteResult(run.id());
            }
        }
    }

    /** What the result checks may read of the runner (under its lock). */
    private final class View implements ResultChecks.Context {
        @Override
        public Optional<JobRecord> record(String key) {
            return Optional.ofNullable(ctx.table.get(key)).map(j -> j.rec);
        }

        @Override
        public Path resultFiles(String key) {
            return ctx.results.filesDir(key);
        }

        @Override
        public Path scratch(String key) {
            return ctx.jobDir(key).resolve("check");
        }

        @Override
        public List<String> verifyStored(String key) {
            Job j = ctx.table.get(key);
            return j == null || j.rec.result() == null ? List.of("no result") : ctx.results.verify(key, j.rec.result());
        }

        @Override
        public Path dataDir() {
            return ctx.dataDir;
        }

        @Override
        public long maxLogBytes() {
            return ctx.config.maxLogBytes();
        }
    }
}
