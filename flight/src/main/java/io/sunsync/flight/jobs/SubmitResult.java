package io.sunsync.flight.jobs;

/**
 * The answer to a submission: accepted (durably queued: it is in the journal) or rejected with a
 * code.
 *
 * @param accepted  true when queued
 * @param jobId     the job's id (null when the spec could not be read far enough to have one)
 * @param reason    the refusal code, null when accepted
 * @param message   details, empty when accepted
 */
public record SubmitResult(boolean accepted, String jobId, JobRejectReason reason, String message) {
    public SubmitResult {
        if (accepted == (reason != null)) {
            throw new IllegalArgumentException("a rejection has a reason, an acceptance none");
        }
        message = message == null ? "" : message;
    }

    /** Accepted and journaled. */
    public static SubmitResult accepted(String jobId) {
        return new SubmitResult(true, jobId, null, "");
    }

    /** Refused. */
    public static SubmitResult rejected(String jobId, JobRejectReason reason, String message) {
        return new SubmitResult(false, jobId, reason, message);
    }
}
