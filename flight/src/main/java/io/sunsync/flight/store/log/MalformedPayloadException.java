package io.sunsync.flight.store.log;

/**
 * A frame's payload passed its CRC but does not hold what its owner expects (a different version,
 * a writer's bug). Thrown by a {@link PayloadDecoder}; the scan then treats the frame as damage.
 */
public final class MalformedPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
