package io.sunsync.flight.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.jobs.process.ProcessDrains;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling policy on its own: a job table and boards in, the launches and preemptions it
 * asks for out. No processes, no journal: the actions are recorded, and a launch puts the job on
 * its boards in the table as the state machine would (the policy sees its own decisions).
 */
class JobSchedulerTest {
    private static final Instant T0 = Instant.parse("2027-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private final JobTable table = new JobTable();
    private final List<String> decisions = new ArrayList<>();

    private final JobScheduler.Actions recorder = new JobScheduler.Actions() {
        @Override
        public void launch(Job job, Instant now, List<String> boardIds) {
            decisions.add("launch " + job.id() + " on " + String.join(",", boardIds));
            List<String> held = List.copyOf(boardIds);
            job.rec = job.rec.edit(e -> {
                e.state = JobState.RUNNING;
                e.reason = JobReason.STARTED;
                e.boardIds = held;
                e.startedAt = now;
            });
        }

        @Override
        public void preempt(Job victim, Job forJob, Instant now) {
            decisions.add("preempt " + victim.id() + " for " + forJob.id());
        }

        @Override
        public void resume(Job job, Instant now) {
            decisions.add("resume " + job.id());
        }
    };

    private JobScheduler scheduler(int boards, Map<String, OwnerQuota> quotas) {
        List<io.sunsync.hal.accel.AcceleratorBoard> list = new ArrayList<>();
        for (int i = 0; i < boards; i++) {
            list.add(new FakeBoard(i, 1000));
        }
        BoardView view = new BoardView(list, ResultChecks.NONE);
        view.setLastTick(T0);
        view.readAll();
        JobsConfig config = new JobsConfig(dir.toString(), 1.0, quotas, null, null, null, 64L * 1024, 2.0, 1.0, null,
                null, null, null);
        return new JobScheduler(config, table, view, new ProcessDrains(1.0, p -> { }));
    }

    private Job queued(String id, int priority, long seq) {
        return table.add(JobRecord.queued(Specs.synthetic(id, priority, 1, 100, false), seq, T0));
    }

    private Job running(String id, int priority, long seq, String board, Instant startedAt) {
        Job job = queued(id, priority, seq);
        job.rec = job.rec.edit(e -> {
            e.state = JobState.RUNNING;
            e.reason = JobReason.STARTED;
            e.boardIds = List.of(board);
            e.startedAt = startedAt;
        });
        return job;
    }

    @Test
    void queuedJobsStartByPriorityThenSubmissionOnTheFirstFreeBoards() throws Exception {
        JobScheduler s = scheduler(2, null);
        queued("low", 10, 1);
        queued("high", 90, 2);
        queued("mid-first", 50, 3);
        queued("mid-second", 50, 4);

        s.schedule(T0, recorder);

        assertThat(decisions).containsExactly("launch high on board-0", "launch mid-first on board-1");
    }

    @Test
    void aHigherPriorityJobPreemptsTheLowestPriorityMostRecentlyStartedJob() throws Exception {
        JobScheduler s = scheduler(3, null);
        running("old-low", 10, 1, "board-0", T0.minusSeconds(600));
        running("new-low", 10, 2, "board-1", T0.minusSeconds(60));
        running("mid", 40, 3, "board-2", T0.minusSeconds(30));
        Job urgent = queued("urgent", 90, 4);

        s.schedule(T0, recorder);

        assertThat(decisions).containsExactly("preempt new-low for urgent");
        assertThat(urgent.victims).containsExactly("new-low");
    }

    @Test
    void noJobIsPreemptedForOneOfEqualOrLowerPriority() throws Exception {
        JobScheduler s = scheduler(1, null);
        running("incumbent", 50, 1, "board-0", T0.minusSeconds(60));
        queued("peer", 50, 2);

        s.schedule(T0, recorder);

        assertThat(decisions).isEmpty();
    }

    @Test
    void anOwnersBoardQuotaHoldsItsJobBackWhileBoardsAreFree() throws Exception {
        JobScheduler s = scheduler(3, Map.of("team-s", new OwnerQuota(null, 1)));
        running("first", 50, 1, "board-0", T0.minusSeconds(60));
        queued("second", 50, 2);

        s.schedule(T0, recorder);

        assertThat(decisions).isEmpty();
        assertThat(s.quotaAllows("team-s", 1)).isFalse();
        assertThat(s.quotaAllows("someone-else", 2)).isTrue();
    }

    @Test
    void aPreemptedJobResumesWhenItsBoardIsFreeAgain() throws Exception {
        JobScheduler s = scheduler(1, null);
        Job preempted = running("preempted", 10, 1, "board-0", T0.minusSeconds(600));
        preempted.rec = preempted.rec.edit(e -> {
            e.state = JobState.SUSPENDED;
            e.reason = JobReason.PREEMPTED;
            e.suspendCause = SuspendCause.PREEMPTED;
        });

        s.resumePreempted(T0, recorder);

        assertThat(decisions).containsExactly("resume preempted");
        assertThat(s.busyBoards()).as("a preempted job lends its boards").isEmpty();
    }
}
