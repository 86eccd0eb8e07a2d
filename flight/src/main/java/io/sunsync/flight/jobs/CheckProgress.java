package io.sunsync.flight.jobs;

import java.util.List;

/**
 * Where the check of a job's stored result stands, journaled with the job while it is
 * {@link JobState#CHECKING} (so a restart resumes the check where it was). Immutable.
 *
 * @param attempt        the job's attempt ({@link JobRecord#starts()}) that computed the result
 * @param computedOn     boards of the attempt that computed the result, in {@code SUNSYNC_BOARDS}
 *                       order: item {@code i} was computed on {@code computedOn[i mod k]}
 * @param items          the sampled items, ascending (empty for a verifier)
 * @param runs           check runs made so far (their ordinals are 1..runs)
 * @param sampleRun      ordinal of the current sample run (0 before the first)
 * @param refereeRun     ordinal of the current referee run (0: none)
 * @param disputed       items the sample run disagreed on, ascending (what the referee computes)
 * @param verifierStarts times the verifier was started
 */
public record CheckProgress(int attempt, List<String> computedOn, List<Integer> items, int runs, int sampleRun,
                            int refereeRun, List<Integer> disputed, int verifierStarts) {
    public CheckProgress {
        computedOn = computedOn == null ? List.of() : List.copyOf(computedOn);
        items = items == null ? List.of() : List.copyOf(items);
        disputed = disputed == null ? List.of() : List.copyOf(disputed);
    }

    /** A check that has not begun: the result of {@code attempt} computed on {@code computedOn}, the items to sample. */
    public static CheckProgress begin(int attempt, List<String> computedOn, List<Integer> items) {
        return new CheckProgress(attempt, computedOn, items, 0, 0, 0, List.of(), 0);
    }

    /** The key of this check's run {@code ordinal}. */
    public String runKey(String jobId, int ordinal) {
        return CheckRun.key(jobId, attempt, ordinal);
    }

    /** The board that computed item {@code item}. */
    public String boardOf(int item) {
        return computedOn.get(item % computedOn.size());
    }

    /** With a new sample run (the next ordinal). */
    public CheckProgress withSampleRun() {
        return new CheckProgress(attempt, computedOn, items, runs + 1, runs + 1, 0, List.of(), verifierStarts);
    }

    /** With a new referee run (the next ordinal) for {@code disputedItems}. */
    public CheckProgress withRefereeRun(List<Integer> disputedItems) {
        return new CheckProgress(attempt, computedOn, items, runs + 1, sampleRun, runs + 1, disputedItems, verifierStarts);
    }

    /** With one more verifier start. */
    public CheckProgress withVerifierStart() {
        return new CheckProgress(attempt, computedOn, items, runs, sampleRun, refereeRun, disputed, verifierStarts + 1);
    }
}
