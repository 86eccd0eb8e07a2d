package io.sunsync.ground.console.live;

import io.sunsync.ground.mqtt.GroundConnection;

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
     * Null to let {@code message} through; otherwise a short reason code for refusing it (e.g.
     * {@code BAD_MAC}), counted by reason.
     */
    String refuse(GroundConnection.Received message);

    /** Short name for the pages ({@code unauthenticated}, {@code hmac}, …). */
    String name();

    /** A gate that lets every well-addressed message through: telemetry is not authenticated. */
    static TelemetryGate unauthenticated() {
        return new UnauthenticatedGate();
    }
}
