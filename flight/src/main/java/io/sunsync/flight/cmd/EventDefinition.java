package io.sunsync.flight.cmd;

import io.sunsync.flight.events.Severity;

/**
 * An event a component may emit, as the dictionary lists it.
 *
 * @param code        the event code, e.g. {@code KEY_ROTATED}
 * @param severity    its severity
 * @param source      the component that emits it
 * @param description when it is emitted
 */
public record EventDefinition(String code, Severity severity, String source, String description) {
}
