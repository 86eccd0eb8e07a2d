package io.sunsync.flight.jobs.check;

/**
 * Where a board blamed too often for wrong results is sent to be isolated (fault protection, by
 * the composition root). Called on the jobs thread; the implementation must not call back into
 * the job runner before returning (it defers the isolation to its own tick).
 */
@FunctionalInterface
public interface BoardIsolator {
    /** Asks for {@code boardId} to be isolated, {@code why} saying so. */
    void isolate(String boardId, String why);
}
