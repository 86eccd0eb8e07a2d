package io.sunsync.ground.console.live;

import io.sunsync.ground.mqtt.GroundConnection;

/**
 * The gate for links whose telemetry carries no authentication: it refuses only what cannot be
 * a satellite's message at all (a topic outside {@code sunsync/SAT/…} or a satellite id that is
 * not one). Stateless; thread safe.
 */
final class UnauthenticatedGate implements TelemetryGate {
    @Override
    public String refuse(GroundConnection.Received message) {
        String sat = message.sat();
        return sat == null || !sat.matches("[A-Za-z0-9_-]{1,64}") ? "BAD_TOPIC" : null;
    }

    @Override
    public String name() {
        return "unauthenticated";
    }
}
