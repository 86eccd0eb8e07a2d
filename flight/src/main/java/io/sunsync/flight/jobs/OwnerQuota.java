package io.sunsync.flight.jobs;

import io.sunsync.hal.config.ConfigException;

/**
 * What one owner may use at once.
 *
 * @param maxActiveJobs  unfinished jobs (queued, running, suspended, checkpointing) the owner may
 *                       have; a submission beyond it is refused with {@code QUOTA_EXCEEDED}
 *                       (&ge; 1; null for no limit)
 * @param maxBoards      boards the owner's jobs may occupy at once; a job that would exceed it
 *                       waits in the queue (&ge; 1; null for no limit)
 */
public record OwnerQuota(Integer maxActiveJobs, Integer maxBoards) {
    /** No limits. */
    public static final OwnerQuota UNLIMITED = new OwnerQuota(null, null);

    public OwnerQuota {
        if (maxActiveJobs != null && maxActiveJobs < 1) {
            throw new ConfigException("maxActiveJobs", "must be >= 1, was " + maxActiveJobs);
        }
        if (maxBoards != null && maxBoards < 1) {
            throw new ConfigException("maxBoards", "must be >= 1, was " + maxBoards);
        }
    }
}
