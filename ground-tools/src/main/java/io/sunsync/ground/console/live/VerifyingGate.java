package io.sunsync.ground.console.live;

import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import io.sunsync.ground.tmauth.Verdict;

/**
 * The gate of an authenticated link: each message passes the ground's one
 * {@link TelemetryVerifier}. Thread safe (the verifier is).
 */
final class VerifyingGate implements TelemetryGate {
    private final TelemetryKeys keys;
    private final TelemetryVerifier verifier;

    VerifyingGate(TelemetryKeys keys) {
        this.keys = keys;
        this.verifier = new TelemetryVerifier(keys);
    }

    @Override
    public String refuse(GroundConnection.Received message) {
        TelemetryVerifier.Check c = verifier.check(message);
        if (c.verdict() == Verdict.DUPLICATE) {
            return DUPLICATE;
        }
        return c.shown() ? null : c.verdict().name();
    }

    @Override
    public String name() {
        return "hmac";
    }

    @Override
    public FrameCheck.Verifier archiveVerifier() {
        return new TelemetryVerifier(keys).forArchive();
    }
}
