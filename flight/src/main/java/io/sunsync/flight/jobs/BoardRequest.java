package io.sunsync.flight.jobs;

/**
 * The boards a job needs.
 *
 * @param count    how many boards, 1..1024 (and no more than the satellite has)
 * @param minCapW  the lowest power cap, in W, at which the job is worth running on a board; only
 *                 boards whose maximum cap reaches it are used, and the throttler reads it
 *                 (&gt; 0; default: any cap)
 */
public record BoardRequest(Integer count, Double minCapW) {
    /** Most boards a single job may ask for. */
    public static final int MAX_COUNT = 1024;

    public BoardRequest {
        if (count == null) {
            throw new JobSpecException(JobRejectReason.MISSING_FIELD, "boards.count", "is required");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new JobSpecException(JobRejectReason.BAD_BOARD_COUNT, "boards.count",
                    "must be in 1.." + MAX_COUNT + ", was " + count);
        }
        if (minCapW != null && !(minCapW > 0 && Double.isFinite(minCapW))) {
            throw new JobSpecException(JobRejectReason.BAD_MIN_CAP, "boards.minCapW", "must be > 0 W, was " + minCapW);
        }
    }

    /** The minimum cap, 0 when none was asked for. */
    public double minCapWOrZero() {
        return minCapW == null ? 0.0 : minCapW;
    }
}
