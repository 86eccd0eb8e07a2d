package io.sunsync.flight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.jobs.ControlResult;
import io.sunsync.flight.jobs.JobControl;
import io.sunsync.flight.jobs.JobState;
import io.sunsync.flight.jobs.RunningJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobWorkloadTest {
    private final List<RunningJob> running = new ArrayList<>();
    private final List<String> checkpointRequests = new ArrayList<>();
    private final JobControl jobs = new JobControl() {
        @Override
        public List<RunningJob> runningJobs() {
            return running;
        }

        @Override
        public ControlResult suspend(String jobId, String reason) {
            return ControlResult.done("suspended");
        }

        @Override
        public ControlResult resume(String jobId) {
            return ControlResult.done("resumed");
        }

        @Override
        public ControlResult requestCheckpoint(String jobId) {
            checkpointRequests.add(jobId);
            return ControlResult.done("requested");
        }

        @Override
        public double boardWeight(String boardId) {
            return 1;
        }

        @Override
        public String boardGang(String boardId) {
            return null;
        }

        @Override
        public void boardShed(String boardId, String reason) {
        }

        @Override
        public void boardRestored(String boardId) {
        }

        @Override
        public void boardIsolated(String boardId, String reason) {
        }
    };

    private static RunningJob job(String id, JobState state, boolean checkpointable, String... boards) {
        return new RunningJob(id, "ops", 5, state, null, List.of(boards), List.of(), 100, null, checkpointable,
                null, null, 0, null);
    }

    @Test
    void onlyRunningCheckpointableJobsOnDoomedBoardsAreAskedToCheckpoint() {
        running.add(job("on-doomed", JobState.RUNNING, true, "b0", "b1"));
        running.add(job("spans-doomed", JobState.RUNNING, true, "b2", "b7"));
        running.add(job("cannot-checkpoint", JobState.RUNNING, false, "b3"));
        running.add(job("already-suspended", JobState.SUSPENDED, true, "b4"));
        running.add(job("keeps-power", JobState.RUNNING, true, "b5"));

        new JobWorkload(jobs).boardsAboutToBeShed(Set.of("b1", "b3", "b4", "b7"));

        assertThat(checkpointRequests).containsExactly("on-doomed", "spans-doomed");
    }
}
