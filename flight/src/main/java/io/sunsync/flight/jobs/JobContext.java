package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.process.ProcessDrains;
import io.sunsync.flight.jobs.results.ResultStore;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one job runner share: its config and folders, mission time, the job table,
 * the boards, the journal, the events, the processes being drained and the result store (opened
 * at start).
 *
 * <p>Threading: not thread-safe; owned by the job runner and used under its lock.
 */
final class JobContext {
    private static final Logger LOG = LoggerFactory.getLogger(JobContext.class);

    final JobsConfig config;
    final Path dataDir;
    final Path jobsDir;
    final TimeSource time;
    final ResultChecks checks;
    final JobEventReporter events;
    final JobTable table = new JobTable();
    final BoardView boards;
    final JobLedger ledger;
    final ProcessDrains drains;
    final ResultsBound resultsBound;
    /** Opened by {@link JobRunner#start()}. */
    ResultStore results;

    JobContext(JobsConfig config, Path dataDir, BoardView boards, TimeSource time, JobEventReporter events,
               ResultChecks checks) {
        this.config = config;
        this.dataDir = dataDir;
        this.jobsDir = dataDir.resolve("jobs");
        this.boards = boards;
        this.time = time;
        this.events = events;
        this.checks = checks;
        this.ledger = new JobLedger(dataDir.resolve("journal"), config, events);
        this.drains = new ProcessDrains(config.killGraceS(), JobContext::deleteQuietly);
        this.resultsBound = new ResultsBound(config, table, events);
    }

    /** A job's directory ({@code work/}, {@code checkpoint/}, {@code result/}, {@code logs/}). */
    Path jobDir(String jobId) {
        return jobsDir.resolve(jobId);
    }

    /** The file a process job creates to acknowledge a checkpoint. */
    Path ackFile(String jobId) {
        return jobDir(jobId).resolve("checkpoint.ack");
    }

    /** Deletes a stored result; one left behind is deleted at the next start. */
    void deleteResult(String key) {
        try {
            results.delete(key);
        } catch (IOException e) {
            LOG.warn("result of {} not deleted yet ({}); deleted at the next start", key, e.toString());
        }
    }

    /** Deletes a file or folder; what cannot be deleted now is removed at the next start. */
    static void deleteQuietly(Path p) {
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
}
