package io.sunsync.flight.events;

/**
 * The port every component reports events through. Implementations never block the caller and
 * never lose an event silently (the link stores them before sending).
 */
@FunctionalInterface
public interface EventSink {

    /** Reports {@code event}. */
    void emit(Event event);
}
