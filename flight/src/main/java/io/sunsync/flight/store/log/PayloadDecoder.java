package io.sunsync.flight.store.log;

import java.nio.ByteBuffer;

/**
 * Turns a frame's payload into its owner's value during a {@link LogScan}. A payload it refuses
 * makes the frame count as damage, exactly like a CRC mismatch: the scan skips it and looks for
 * the next good frame.
 *
 * <p>Called on the scanning thread only; must not keep {@code payload}, which is a read-only view
 * of the scanned bytes.
 *
 * @param <R> the value's type
 */
@FunctionalInterface
public interface PayloadDecoder<R> {

    /** The value {@code payload} holds; throws when it holds none. */
    R decode(ByteBuffer payload) throws MalformedPayloadException;
}
