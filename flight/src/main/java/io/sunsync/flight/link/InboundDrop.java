package io.sunsync.flight.link;

/**
 * Why a message received from the broker was dropped before any handler saw it. Every such drop
 * is counted ({@link MqttLink.Stats#inboundDropped()}, housekeeping {@code link.inboundDropped})
 * and reported (event {@code LINK_INBOUND_DROPPED}).
 */
public enum InboundDrop {
    /**
     * A QoS 0 message found {@link MqttLink#MAX_QUEUED_QOS0} QoS 0 messages already waiting. QoS 0
     * is outside the broker's flow control (Receive Maximum bounds only QoS 1 and 2), so a flood
     * of QoS 0 messages is cut here; a real command is sent at QoS 1 and is not affected.
     */
    QOS0_QUEUE_FULL,
    /**
     * A QoS 1 or 2 message found the inbound queue full: the broker sent more unacknowledged
     * messages than the Receive Maximum allows. It is not acknowledged, and the link connects
     * again at once, so the broker sends it again (until then it would hold a place in the
     * broker's window for flight).
     */
    QUEUE_FULL
}
