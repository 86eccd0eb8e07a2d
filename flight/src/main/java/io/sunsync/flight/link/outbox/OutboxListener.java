package io.sunsync.flight.link.outbox;

/**
 * Hears from the outbox. Called without the outbox's lock held, on the thread that caused it
 * (a producer, the sender, or the flush thread): implementations must be quick and must not wait
 * on the link. They may queue new messages.
 */
public interface OutboxListener {
    /** A listener that does nothing. */
    OutboxListener NONE = new OutboxListener() {
    };

    /** Records became durable and may be sent. */
    default void onSendable() {
    }

    /** Messages were given up on; every drop is reported here once. */
    default void onDrop(DropReport report) {
    }
}
