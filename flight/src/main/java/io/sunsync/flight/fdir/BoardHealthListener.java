package io.sunsync.flight.fdir;

/** Told when fault protection takes a board out of service or gives it back (the job runner moves its jobs). */
public interface BoardHealthListener {

    /** {@code boardId} was isolated; its work must move elsewhere (from its last checkpoint). */
    void boardIsolated(String boardId, String reason);

    /** {@code boardId} is back in service. */
    default void boardRestored(String boardId) {
    }
}
