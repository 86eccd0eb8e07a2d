package io.sunsync.ground.console.live;

import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryKeys;

/**
 * Decides, for every message received from the satellites' topics, whether the console may take
 * it as what the satellite said. It sees each message before anything else does; a refused
 * message is counted (and shown on every page) and never becomes a satellite's state. This is
 * where telemetry authentication (an HMAC on each downlinked frame) plugs in.
 *
 * <p>Implementations are called from the ingest threads; they must be thread safe and must not block.
 */
public interface TelemetryGate {
    /**
     * The code {@link #refuse} gives an authentic message already taken in (a QoS 1 redelivery, a
     * retained copy after a reconnect): dropped, and counted apart from refusals.
     */
    String DUPLICATE = "DUPLICATE";

    /**
     * Null to let {@code message} through; otherwise a short reason code for refusing it (e.g.
     * {@code BAD_MAC}), counted by reason.
     */
    String refuse(GroundConnection.Received message);

    /** Short name for the pages ({@code unauthenticated}, {@code hmac}, …). */
    String name();

    /**
     * The origin check for the console's archive recording (its own connection, so its own
     * anti-replay memory), or null for none.
     */
    default FrameCheck.Verifier archiveVerifier() {
        return null;
    }

    /** A gate that lets every well-addressed message through: telemetry is not authenticated. */
    static TelemetryGate unauthenticated() {
        return new UnauthenticatedGate();
    }

    /**
     * A gate that lets through only authentic telemetry: the MAC verifies under the satellite's
     * telemetry keys and the sequence number is new ({@link io.sunsync.ground.tmauth.TelemetryVerifier});
     * refusals are counted by verdict ({@code BAD_MAC}, {@code UNSIGNED}, {@code NO_KEY},
     * {@code UNKNOWN_KEY}, {@code REPLAYED}).
     */
    static TelemetryGate verifying(TelemetryKeys keys) {
        return new VerifyingGate(keys);
    }
}
