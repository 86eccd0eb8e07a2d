package io.sunsync.flight.jobs;

import io.sunsync.flight.events.Severity;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.flight.jobs.process.OrphanReaper;
import io.sunsync.flight.jobs.results.ResultStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Start-up recovery of a job runner's data directory: replays the journal (reporting damage),
 * kills the processes a previous run left, then brings each job to a state it can go on from:
 * queued jobs stay queued, finished results are checked against their manifests, a job whose
 * process had exited 0 has its result stored, a job that was on boards is requeued from its last
 * checkpoint. Finally removes what no journaled job owns and compacts the journal.
 *
 * <p>Threading: not thread-safe; called under the job runner's lock, once per start.
 */
final class JobRecovery {
    private final JobContext ctx;
    private final JobTransitions transitions;

    JobRecovery(JobContext ctx, JobTransitions transitions) {
        this.ctx = ctx;
        this.transitions = transitions;
    }

    /** Recovers (see the class comment) and reports what it did ({@code JOBS_RECOVERED}). */
    void run(Instant now) throws IOException {
        long t0 = System.nanoTime();
        Journal.Replay<JobRecord> replay = ctx.ledger.open();
        ctx.events.journalDamage(now, replay.damage());
        int orphans = killOrphans(replay.latest().values());
        for (JobRecord rec : replay.latest().values()) {
            ctx.table.add(rec);
        }
        Map<String, Integer> outcome = new TreeMap<>();
        for (Job job : ctx.table.snapshot()) {
            outcome.merge(recover(job, now), 1, Integer::sum);
        }
        ctx.results.clearStaging(); // only now: recovery may have finished storing a staged result
        removeStrays();
        ctx.ledger.compact(ctx.table);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobs", ctx.table.size());
        data.put("snapshotRecords", replay.snapshotRecords());
        data.put("journalRecords", replay.entries().size());
        data.put("damaged", replay.damage().size());
        data.put("orphansKilled", orphans);
        data.put("recovery", outcome);
        data.put("replayMs", (System.nanoTime() - t0) / 1_000_000);
        ctx.events.emit(now, Severity.INFO, "JOBS_RECOVERED", "job runner recovered " + ctx.table.size() + " jobs from "
                + ctx.dataDir + " " + outcome, data);
    }

    private int killOrphans(Iterable<JobRecord> recs) {
        List<OrphanReaper.Recorded> recorded = new ArrayList<>();
        for (JobRecord r : recs) {
            if (r.pid() != null && r.pidStartedAt() != null) {
                recorded.add(new OrphanReaper.Recorded(r.pid(), r.pidStartedAt()));
            }
        }
        Set<Long> killed = new OrphanReaper(JobRunner.ENV_MARKER, ctx.dataDir.toString()).killAll(recorded);
        if (!killed.isEmpty()) {
            ctx.events.emitNow(Severity.LOW, "JOB_ORPHANS_KILLED", "killed " + killed.size()
                    + " job processes left by the previous run", Map.of("pids", List.copyOf(killed)));
        }
        return killed.size();
    }

    /** Brings one replayed job to a state it can go on from; returns what was done, for the report. */
    private String recover(Job job, Instant now) throws IOException {
        JobRecord r = job.rec;
        if (r.state() == JobState.SUCCEEDED) {
            if (r.resultAcked()) {
                ctx.results.delete(r.id());
                return "acknowledged";
            }
            // Cheap at start (manifest and sizes); every byte is hashed again when it is opened for downlink.
            List<String> problems = r.result() == null ? List.of("no manifest in the journal")
                    : ctx.results.checkPresent(r.id(), r.result());
            if (!problems.isEmpty()) {
                transitions.markCorrupt(job, now, problems);
                return "resultCorrupt";
            }
            return "resultPending";
        }
        if (r.state().terminal()) {
            ResultStore.deleteTree(ctx.jobDir(r.id()));
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
                transitions.finish(job, now, true);
                return "resultStored";
            }
            transitions.requeue(job, now, JobReason.RUNNER_RESTARTED,
                    "flight software restarted while the job was " + r.state());
            return "requeued";
        } catch (JournalWriteException e) {
            throw new IOException("cannot journal the recovery of " + r.id(), e.getCause());
        }
    }

    /** Removes result and job directories no journaled job owns (left by a crash mid-delete). */
    private void removeStrays() throws IOException {
        for (String id : ctx.results.storedIds()) {
            Job j = ctx.table.get(id);
            if (j == null || !JobTable.holdsResult(j.rec)) {
                ctx.results.delete(id);
            }
        }
        for (Path p : ctx.results.incomplete()) {
            ResultStore.deleteTree(p);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ctx.jobsDir)) {
            for (Path p : ds) {
                Job j = ctx.table.get(p.getFileName().toString());
                if (j == null || j.rec.state().terminal()) {
                    ResultStore.deleteTree(p);
                }
            }
        }
    }
}
