package io.sunsync.flight.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job on boards, as the throttler sees it ({@link JobControl#runningJobs()}): read-only.
 *
 * @param jobId              job id
 * @param owner              owner
 * @param priority           0..100 (higher matters more)
 * @param state              RUNNING, SUSPENDED or CHECKPOINTING
 * @param suspendCause       who suspended it (SUSPENDED only, else null)
 * @param boardIds           its boards' ids
 * @param boardIndices       its boards' driver indices (as in {@code CUDA_VISIBLE_DEVICES})
 * @param minCapW            the lowest cap worth running it at, in W (0 = any)
 * @param deadline           its deadline, null for none
 * @param checkpointable     true when it can checkpoint on request
 * @param workUnits          progress of the current attempt, in work units (null if unmeasurable)
 * @param expectedWorkUnits  the work it needs, in work units (null if not given)
 * @param energyUsedWh       energy spent on it so far, in Wh
 * @param energyBudgetWh     its budget, in Wh (null for none)
 */
public record RunningJob(String jobId, String owner, int priority, JobState state, SuspendCause suspendCause,
                         List<String> boardIds, List<Integer> boardIndices, double minCapW, Instant deadline,
                         boolean checkpointable, Double workUnits, Double expectedWorkUnits, double energyUsedWh,
                         Double energyBudgetWh) {
    public RunningJob {
        boardIds = List.copyOf(boardIds);
        boardIndices = List.copyOf(boardIndices);
    }
}
