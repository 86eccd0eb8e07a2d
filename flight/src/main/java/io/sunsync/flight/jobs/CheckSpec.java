package io.sunsync.flight.jobs;

import java.util.List;

/**
 * How a job's result is checked for silent data corruption before it may leave the satellite
 * (the {@code check} section of a job spec; docs/jobs.md). Exactly one of:
 * <ul>
 *   <li>{@code verifier}: a cheap command run on the stored result (for workloads whose outputs
 *       can be checked: a residual, a hash, a sortedness test); exit 0 says right, 1 wrong;</li>
 *   <li>{@code sample}: a sampled fraction of the job's work items computed again on another
 *       board and compared, byte for byte, before the result is offered for downlink.</li>
 * </ul>
 * A result that fails its check is never offered: it is discarded and the job computed again
 * from scratch, and the board that computed it wrong is quarantined. Immutable.
 *
 * @param items    the job's work is this many items, 1..{@value #MAX_ITEMS}: item {@code i} is
 *                 computed by board {@code i mod k} of the job's {@code k} boards (in
 *                 {@code SUNSYNC_BOARDS} order) and its output is the result file
 *                 {@code items/<i>}; required for sampling, optional with a verifier (then it lets
 *                 the verifier name the wrong items, and so the board)
 * @param verifier the verifier, or null
 * @param sample   the sampling, or null
 */
public record CheckSpec(Integer items, Verifier verifier, Sample sample) {
    /** Most work items a job may declare. */
    public static final int MAX_ITEMS = 100_000;

    public CheckSpec {
        if ((verifier == null) == (sample == null)) {
            throw new JobSpecException(JobRejectReason.BAD_CHECK, "check",
                    "needs exactly one of verifier and sample, had " + (verifier == null ? "neither" : "both"));
        }
        if (items != null && (items < 1 || items > MAX_ITEMS)) {
            throw new JobSpecException(JobRejectReason.BAD_CHECK, "check.items", "must be in 1.." + MAX_ITEMS + ", was " + items);
        }
        if (sample != null && items == null) {
            throw new JobSpecException(JobRejectReason.BAD_CHECK, "check.items",
                    "is required for sampling (the items a sample is drawn from)");
        }
    }

    /**
     * A verifier command, run with the result's folder in {@code SUNSYNC_RESULT_DIR}; it must not
     * change the result (the files are checked against their SHA-256 after it ran). Exit 0: right;
     * 1: wrong (it may write the indices of the wrong items, one a line, to
     * {@code SUNSYNC_CHECK_REPORT}); anything else, or no exit within {@code timeoutS}: the check
     * could not be made and the job fails with {@code CHECK_ERROR}.
     *
     * @param command  program and arguments, as {@code process.command}
     * @param timeoutS longest it may run, in s of monotonic time, (0, 3600] (default 60)
     */
    public record Verifier(List<String> command, Double timeoutS) {
        public Verifier {
            command = ProcessSpec.checkedCommand("check.verifier.command", command);
            timeoutS = timeoutS == null ? 60.0 : timeoutS;
            if (!(timeoutS > 0 && timeoutS <= 3600)) {
                throw new JobSpecException(JobRejectReason.BAD_CHECK, "check.verifier.timeoutS",
                        "must be in (0, 3600] s, was " + timeoutS);
            }
        }
    }

    /**
     * Redundant execution of a sampled fraction of the items on a board other than the job's: at
     * least one item of each of the job's boards, and {@code fraction} of the items in all.
     *
     * @param fraction of the items computed again, (0, 1] (default 0.05)
     */
    public record Sample(Double fraction) {
        public Sample {
            fraction = fraction == null ? 0.05 : fraction;
            if (!(fraction > 0 && fraction <= 1)) {
                throw new JobSpecException(JobRejectReason.BAD_CHECK, "check.sample.fraction",
                        "must be in (0, 1], was " + fraction);
            }
        }
    }
}
