package io.sunsync.flight.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The job runner's port to the checking of results for silent data corruption (see
 * {@link CheckSpec}); implemented by {@code io.sunsync.flight.jobs.check.ResultChecker} and wired
 * by the composition root. The runner asks it which boards may take work, how the check of a
 * freshly stored result begins, and, every tick, what to do next with each job being checked;
 * the runner carries each {@link CheckStep} out, journal first.
 *
 * <p>Threading: called by the runner under its lock (the jobs rate group's thread, or a command
 * thread for {@link #boardUsable}).
 */
public interface ResultChecks {

    /** No checking: a runner with it refuses jobs that declare a check ({@code BAD_CHECK}). */
    ResultChecks NONE = new ResultChecks() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean boardUsable(String boardId, Instant now) {
            return true;
        }

        @Override
        public CheckProgress begin(JobRecord job, List<String> computedOn, Instant now) {
            throw new IllegalStateException("no result checks on this runner");
        }

        @Override
        public CheckStep advance(JobRecord job, Context context, Instant now) {
            return new CheckStep.Error("this runner checks no results");
        }
    };

    /** Whether results can be checked at all. */
    boolean enabled();

    /** Whether {@code boardId} takes work now (false while it is quarantined or isolated for wrong results). */
    boolean boardUsable(String boardId, Instant now);

    /**
     * How the check of the result {@code job} just stored begins (which items are sampled);
     * nothing is reported yet, the runner journals it first.
     *
     * @param computedOn the boards of the attempt that computed it, in the order the attempt got them
     */
    CheckProgress begin(JobRecord job, List<String> computedOn, Instant now);

    /** The next step of the check of {@code job} (state CHECKING, {@link JobRecord#check()} set). */
    CheckStep advance(JobRecord job, Context context, Instant now);

    /** Once per runner tick, after the jobs (quarantines that end, isolations to request). */
    default void tick(Instant now) {
    }

    /** The runner starts (after its journal's replay). */
    default void start(Instant now) {
    }

    /** The runner stops: end whatever runs for the checks. */
    default void stop() {
    }

    /** The job with key {@code key} ended (cancelled, expired, failed): end whatever runs for its check. */
    default void ended(String key) {
    }

    /** What the runner shows the checks of itself. */
    interface Context {
        /** The record of the job or check run with this key. */
        Optional<JobRecord> record(String key);

        /** The folder holding the stored result's files of {@code key}. */
        Path resultFiles(String key);

        /** A scratch folder for the check of {@code key} (emptied when the job ends). */
        Path scratch(String key);

        /** What is wrong with the stored result of {@code key} against its manifest (empty: intact). */
        List<String> verifyStored(String key);

        /** The runner's data folder (the value of its processes' orphan marker). */
        Path dataDir();

        /** Rotation size of a process's stdout and stderr logs, in bytes. */
        long maxLogBytes();
    }
}
