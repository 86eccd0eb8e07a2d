package io.sunsync.flight.link.outbox;

/**
 * What became of one appended message.
 *
 * @param stream         its stream
 * @param seq            its sequence number (consumed even when it was dropped, so the gap matches the drop report)
 * @param priority       its priority
 * @param droppedBecause null when stored, else why it was not
 */
public record AppendResult(String stream, long seq, Priority priority, DropReason droppedBecause) {
    /** True when the message is on disk, waiting to be sent. */
    public boolean stored() {
        return droppedBecause == null;
    }
}
