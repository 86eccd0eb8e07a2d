package io.sunsync.flight.jobs;

import java.time.Instant;
import java.util.List;

/**
 * What the ground sees of a job ({@link JobService#list()}, {@link JobService#get}).
 *
 * @param id                 job id
 * @param owner              owner
 * @param priority           0..100
 * @param kind               process or synthetic
 * @param state              state
 * @param reason             why it is in that state
 * @param message            details
 * @param boardIds           boards it occupies now
 * @param starts             times started
 * @param workUnits          progress of the current attempt, in work units (null if unmeasurable)
 * @param expectedWorkUnits  the spec's expected work (null if not given)
 * @param energyUsedWh       energy spent on it, in Wh
 * @param energyBudgetWh     its budget, in Wh (null for none)
 * @param checkpoints        checkpoints taken
 * @param submittedAt        mission time accepted
 * @param startedAt          mission time of the latest start
 * @param finishedAt         mission time it finished
 * @param deadline           its deadline
 * @param resultBytes        size of its stored result, in bytes (0 when none)
 * @param resultAwaitingAck  true while a verified result waits for the ground's acknowledgement
 */
public record JobStatus(String id, String owner, int priority, JobKind kind, JobState state, JobReason reason,
                        String message, List<String> boardIds, int starts, Double workUnits, Double expectedWorkUnits,
                        double energyUsedWh, Double energyBudgetWh, int checkpoints, Instant submittedAt,
                        Instant startedAt, Instant finishedAt, Instant deadline, long resultBytes,
                        boolean resultAwaitingAck) {
    public JobStatus {
        boardIds = List.copyOf(boardIds);
    }

    /** The status of a journaled job. */
    public static JobStatus of(JobRecord r) {
        JobSpec s = r.spec();
        return new JobStatus(s.id(), s.owner(), s.priority(), s.kind(), r.state(), r.reason(), r.message(), r.boardIds(),
                r.starts(), r.workUnits(), s.expectedWorkUnits(), r.energyUsedWh(), s.energyBudgetWh(), r.checkpoints(),
                r.submittedAt(), r.startedAt(), r.finishedAt(), s.deadline(),
                r.result() == null || r.resultAcked() ? 0 : r.result().totalBytes(),
                r.state() == JobState.SUCCEEDED && r.result() != null && !r.resultAcked());
    }
}
