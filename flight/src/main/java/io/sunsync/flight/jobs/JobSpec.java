package io.sunsync.flight.jobs;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What the ground asks the satellite to compute: an immutable, validated job spec. Parse one
 * from JSON or YAML with {@link JobSpecParser}; the constructor refuses a bad spec with a
 * {@link JobSpecException} carrying a {@link JobRejectReason}. Checks that need the satellite
 * (board count against the boards fitted, deadline against mission time, quotas, duplicates)
 * are made by the runner at submission.
 *
 * @param id                 unique job id, 1-64 of {@code [A-Za-z0-9._-]}, starting with a letter or digit
 * @param owner              who asked for it (quotas are per owner), same syntax as the id
 * @param priority           0 (lowest) .. 100 (highest); default 50. A higher-priority job may
 *                           preempt a lower one
 * @param deadline           mission time after which the job is worthless and expires; null for none
 * @param boards             the boards it needs
 * @param expectedWorkUnits  work the job needs, in work units (a board at full cap delivers about
 *                           1 unit/s in the sim); required for synthetic jobs, a hint otherwise
 * @param energyBudgetWh     most energy its boards may spend on it, in Wh (&gt; 0); null for no limit
 * @param kind               {@code process} or {@code synthetic}
 * @param process            command line, environment and working-directory policy; required
 *                           for process jobs, absent for synthetic ones
 * @param checkpointable     true when the job can write a checkpoint on request and resume from
 *                           it (see docs/jobs.md for the signal protocol); default false
 * @param check              how its result is checked for silent data corruption before it may be
 *                           downlinked; null for no check
 */
public record JobSpec(String id, String owner, Integer priority, Instant deadline, BoardRequest boards,
                      Double expectedWorkUnits, Double energyBudgetWh, JobKind kind, ProcessSpec process,
                      Boolean checkpointable, CheckSpec check) {
    /** Job ids and owners: used as directory names, so no path characters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Priority used when a spec names none. */
    public static final int DEFAULT_PRIORITY = 50;
    /** Highest priority. */
    public static final int MAX_PRIORITY = 100;

    public JobSpec {
        if (id == null) {
            throw new JobSpecException(JobRejectReason.MISSING_FIELD, "id", "is required");
        }
        if (!NAME.matcher(id).matches()) {
            throw new JobSpecException(JobRejectReason.BAD_ID, "id",
                    "'" + clip(id) + "' must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        if (owner == null) {
            throw new JobSpecException(JobRejectReason.MISSING_FIELD, "owner", "is required");
        }
        if (!NAME.matcher(owner).matches()) {
            throw new JobSpecException(JobRejectReason.BAD_OWNER, "owner",
                    "'" + clip(owner) + "' must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        priority = priority == null ? DEFAULT_PRIORITY : priority;
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new JobSpecException(JobRejectReason.BAD_PRIORITY, "priority", "must be in 0.." + MAX_PRIORITY + ", was " + priority);
        }
        if (boards == null) {
            throw new JobSpecException(JobRejectReason.MISSING_FIELD, "boards", "is required ({count: N})");
        }
        if (kind == null) {
            throw new JobSpecException(JobRejectReason.MISSING_FIELD, "kind", "is required (process or synthetic)");
        }
        if (energyBudgetWh != null && !(energyBudgetWh > 0 && Double.isFinite(energyBudgetWh))) {
            throw new JobSpecException(JobRejectReason.BAD_ENERGY_BUDGET, "energyBudgetWh", "must be > 0 Wh, was " + energyBudgetWh);
        }
        if (expectedWorkUnits != null && !(expectedWorkUnits >= 0 && Double.isFinite(expectedWorkUnits))) {
            throw new JobSpecException(JobRejectReason.BAD_WORK_UNITS, "expectedWorkUnits",
                    "must be a finite number >= 0, was " + expectedWorkUnits);
        }
        if (kind == JobKind.PROCESS && process == null) {
            throw new JobSpecException(JobRejectReason.MISSING_COMMAND, "process.command",
                    "a process job needs a process section with a command");
        }
        if (kind == JobKind.SYNTHETIC) {
            if (process != null) {
                throw new JobSpecException(JobRejectReason.KIND_MISMATCH, "process", "a synthetic job has no process section");
            }
            if (expectedWorkUnits == null || !(expectedWorkUnits > 0)) {
                throw new JobSpecException(JobRejectReason.BAD_WORK_UNITS, "expectedWorkUnits",
                        "a synthetic job needs expectedWorkUnits > 0");
            }
        }
        checkpointable = checkpointable != null && checkpointable;
    }

    /** A spec without a result check. */
    public JobSpec(String id, String owner, Integer priority, Instant deadline, BoardRequest boards,
                   Double expectedWorkUnits, Double energyBudgetWh, JobKind kind, ProcessSpec process,
                   Boolean checkpointable) {
        this(id, owner, priority, deadline, boards, expectedWorkUnits, energyBudgetWh, kind, process, checkpointable, null);
    }

    /** The number of work items the job declares ({@code check.items}), or null. */
    public Integer items() {
        return check == null ? null : check.items();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
