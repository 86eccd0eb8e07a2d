package io.sunsync.flight.app;

import io.sunsync.flight.fdir.BoardHealthListener;
import io.sunsync.flight.jobs.JobControl;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.RunningJob;
import io.sunsync.flight.throttle.Workload;
import java.util.Set;

/**
 * Connects the throttler's {@link Workload} port and fault protection's
 * {@link BoardHealthListener} to the job runner's {@link JobControl}: boards are weighted by the
 * priority of their jobs, a board switched off suspends its job, an isolated board moves it.
 * Called on the control thread.
 */
final class JobWorkload implements Workload, BoardHealthListener {
    private final JobControl jobs;

    JobWorkload(JobControl jobs) {
        this.jobs = jobs;
    }

    @Override
    public double weight(String boardId) {
        return jobs.boardWeight(boardId);
    }

    @Override
    public String gang(String boardId) {
        return jobs.boardGang(boardId);
    }

    @Override
    public void boardShed(String boardId, String reason) {
        jobs.boardShed(boardId, reason);
    }

    @Override
    public void boardsAboutToBeShed(Set<String> boardIds) {
        // Checkpoint what will lose its boards at eclipse entry; jobs that can't are left to be suspended.
        for (RunningJob job : jobs.runningJobs()) {
            if (job.state() == JobState.RUNNING && job.checkpointable() && job.boardIds().stream().anyMatch(boardIds::contains)) {
                jobs.requestCheckpoint(job.jobId());
            }
        }
    }

    @Override
    public void boardRestored(String boardId) {
        jobs.boardRestored(boardId);
    }

    @Override
    public void boardIsolated(String boardId, String reason) {
        jobs.boardIsolated(boardId, reason);
    }
}
