package io.sunsync.flight.link;

/**
 * Where flight components put outgoing messages (a typed port, as in F Prime). Implementations
 * never block the caller on the network.
 */
public interface Downlink {

    /** Queues {@code message} for sending; returns at once. */
    void send(OutboundMessage message);
}
