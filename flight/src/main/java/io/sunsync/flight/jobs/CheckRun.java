package io.sunsync.flight.jobs;

import java.util.List;

/**
 * What makes a job record a check run: some items of another job's result computed again, on one
 * board that job did not use, to be compared with its result before that result may leave the
 * satellite (see {@link CheckSpec}). A check run is journaled, scheduled, preempted, recovered and
 * stored like any job, under its own key ({@link #key()}, which a ground job id cannot be), with
 * its checked job's spec (id, owner, priority, kind, command) but one board, no deadline and no
 * budget. It is never offered for downlink nor listed to the ground. Immutable.
 *
 * @param of          id of the checked job
 * @param attempt     the checked job's attempt ({@link JobRecord#starts()}) whose result it checks
 * @param ordinal     1, 2, ... among the check runs of that attempt
 * @param role        sample (the sampled items) or referee (the items the sample disagreed on)
 * @param items       the items it computes, ascending
 * @param avoidBoards boards it must not run on (those that computed what it checks)
 */
public record CheckRun(String of, int attempt, int ordinal, Role role, List<Integer> items, List<String> avoidBoards) {
    /** Why the run is made. */
    public enum Role {
        /** The sampled items, on a board other than the job's. */
        SAMPLE,
        /** The items job and sample disagreed on, on a third board: the majority decides. */
        REFEREE
    }

    public CheckRun {
        items = List.copyOf(items);
        avoidBoards = List.copyOf(avoidBoards);
    }

    /**
     * The key of the {@code ordinal}-th check run of attempt {@code attempt} of job {@code of}:
     * {@code <of>#check-<attempt>.<ordinal>}.
     */
    public static String key(String of, int attempt, int ordinal) {
        return of + "#check-" + attempt + "." + ordinal;
    }

    /** This run's key (its record's id). */
    public String key() {
        return key(of, attempt, ordinal);
    }
}
