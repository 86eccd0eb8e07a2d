package io.sunsync.flight.jobs;

import java.io.IOException;

/**
 * The job journal could not be written, so the change it guarded did not happen. Checked, so that
 * every caller decides what the failure means for it: the tick retries the change on the next
 * tick, a command is refused with {@link ControlError#JOURNAL_ERROR}, a start fails.
 */
final class JournalWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    JournalWriteException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized IOException getCause() {
        return (IOException) super.getCause();
    }
}
