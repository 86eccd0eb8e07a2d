package io.sunsync.flight.link;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events down on {@code sunsync/{sat}/evt} (QoS 1, not retained) and logs them on board.
 * Thread safe.
 */
public final class LinkEventSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger("events");

    private final Downlink downlink;
    private final Topics topics;

    public LinkEventSink(Downlink downlink, Topics topics) {
        this.downlink = downlink;
        this.topics = topics;
    }

    @Override
    public void emit(Event event) {
        if (event.severity().compareTo(Severity.MEDIUM) >= 0) {
            LOG.warn("{} {} {}: {}", event.severity(), event.source(), event.code(), event.message());
        } else {
            LOG.info("{} {} {}: {}", event.severity(), event.source(), event.code(), event.message());
        }
        downlink.send(new OutboundMessage(topics.events(), Json.encode(event), 1, false));
    }
}
