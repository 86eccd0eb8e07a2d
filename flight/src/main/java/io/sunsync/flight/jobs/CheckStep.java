package io.sunsync.flight.jobs;

/**
 * What the runner does next with a job whose result is being checked ({@link ResultChecks#advance}).
 * Immutable values.
 */
public sealed interface CheckStep {
    /** Nothing yet (a check run or the verifier is still at work). */
    CheckStep WAIT = new Wait();

    /** Nothing to do now. */
    record Wait() implements CheckStep {
    }

    /** Journal the check's new progress. */
    record Progress(CheckProgress next) implements CheckStep {
    }

    /** Journal the check's new progress, then queue check run {@code run} (running {@code spec}) if it is not known yet. */
    record Spawn(CheckProgress next, CheckRun run, JobSpec spec) implements CheckStep {
    }

    /** The result passed its check: offer it for downlink. */
    record Pass(String message) implements CheckStep {
    }

    /** The result failed its check: discard it and compute the job again from scratch. */
    record Fail(String message) implements CheckStep {
    }

    /** The check cannot be made: the job fails ({@link JobReason#CHECK_ERROR}). */
    record Error(String message) implements CheckStep {
    }
}
