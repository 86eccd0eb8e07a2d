/**
 * On-board events: what happened, how bad, where, with a machine-readable code. Every flight
 * component reports through the {@link io.sunsync.flight.events.EventSink} port; the link sends
 * them down on {@code sunsync/{sat}/evt}.
 */
package io.sunsync.flight.events;
