package io.sunsync.flight.link;

import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.RecoveryReport;

/**
 * Hears what happens to the link, to turn it into events and counters. Called on the link's
 * sender thread, or for {@link #onDrop} on the thread whose message caused it; never on a Paho
 * thread and never with a lock held. Implementations must be quick; they may send messages.
 */
public interface LinkListener {
    /** A listener that does nothing. */
    LinkListener NONE = new LinkListener() {
    };

    /**
     * Connected (again).
     *
     * @param sessionPresent whether the broker kept our session (subscriptions and queued commands)
     * @param attempts       connection attempts this took (1 when the first one worked)
     * @param outageMs       monotonic time since the link went down, in ms (0 on the first connect)
     */
    default void onConnected(boolean sessionPresent, int attempts, long outageMs) {
    }

    /** The connection was lost. */
    default void onDisconnected(String reason) {
    }

    /** An attempt to connect failed; reported for the first failure of an outage and whenever the kind changes. */
    default void onConnectFailed(ConnectFailure failure, String detail) {
    }

    /** The broker refused a subscription (SUBACK reason code &gt;= 0x80, e.g. 0x87 not authorized). */
    default void onSubscriptionRefused(String filter, int reasonCode) {
    }

    /** The outbox gave up on messages (storage full, expiry, broker refusal, ...). */
    default void onDrop(DropReport report) {
    }

    /** What the outbox recovered from disk when the link started. */
    default void onRecovered(RecoveryReport report) {
    }

    /**
     * Messages received from the broker were dropped before any handler saw them (the inbound
     * queue's bound). Called at once for the first drop, then at most every 10 s while drops go on.
     *
     * @param reason why
     * @param count  drops for this reason since the last report
     * @param total  drops for this reason since start
     */
    default void onInboundDropped(InboundDrop reason, long count, long total) {
    }
}
