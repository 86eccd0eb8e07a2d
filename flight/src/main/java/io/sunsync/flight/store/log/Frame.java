package io.sunsync.flight.store.log;

/**
 * One good frame found in a log file.
 *
 * @param offset      where the frame starts in the file, in bytes
 * @param frameBytes  how many bytes the whole frame occupies (frame header and payload)
 * @param value       the payload, as the scan's decoder made it (the raw bytes for a plain scan)
 * @param <R>         the decoded payload's type
 */
public record Frame<R>(long offset, int frameBytes, R value) {

    /** Where the next frame starts: just past this one. */
    public long end() {
        return offset + frameBytes;
    }
}
