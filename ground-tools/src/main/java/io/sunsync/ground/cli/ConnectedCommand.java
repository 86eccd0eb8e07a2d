package io.sunsync.ground.cli;

import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Mixin;

/**
 * A ground command that talks to the broker: profile plus connection flags. What it reads from
 * the satellites' topics goes through {@link #authentic} first (telemetry authentication with the
 * profile's telemetry keys): a refused message is never shown, is reported on stderr (the first
 * {@value #REFUSALS_SHOWN} one by one, then counted) and makes the exit code
 * {@link ExitCode#UNAUTHENTIC} ({@link #unlessRefused}).
 */
public abstract class ConnectedCommand extends GroundCommand {
    /** Refusals reported one by one on stderr; the rest only in the summary. */
    static final int REFUSALS_SHOWN = 10;

    @Mixin
    ConnectionOptions connection;

    private TelemetryVerifier verifier;
    private long reported;

    @Override
    protected LoadedProfile effectiveProfile() {
        return connection.apply(super.effectiveProfile(), environ);
    }

    /** Connection settings for a throw-away session; {@code purpose} goes into the client id. */
    protected ConnectSettings settings(LoadedProfile p, String purpose) {
        return connection.settings(p, environ, purpose);
    }

    /**
     * Connection settings for the persistent session {@code PREFIX-ROLE-NAME} (a recorder, an ingest
     * worker, a satellite's results collector): clean start off, so the broker keeps it and what arrives
     * for it for {@code expiryS} s while it is away.
     */
    protected ConnectSettings persistentSettings(LoadedProfile p, String role, String name, long expiryS) {
        return settings(p, role).withClientId(p.profile().broker().clientIdPrefix() + "-" + role + "-" + name)
                .persistent(expiryS);
    }

    /** Opens a throw-away session. */
    protected GroundConnection connect(LoadedProfile p, String purpose) throws MqttException {
        return new GroundConnection(settings(p, purpose));
    }

    /** The telemetry verifier of this run, with the profile's telemetry keys (made on first use). */
    protected TelemetryVerifier verifier(LoadedProfile p) {
        if (verifier == null) {
            verifier = new TelemetryVerifier(TelemetryKeys.fromProfile(p));
        }
        return verifier;
    }

    /**
     * True when {@code r} passed telemetry authentication and may be shown; a refusal is counted
     * and reported on stderr. A duplicate (a redelivery) is neither shown nor reported.
     */
    protected boolean authentic(LoadedProfile p, GroundConnection.Received r) {
        TelemetryVerifier.Check c = verifier(p).check(r);
        if (c.verdict().refused() && reported++ < REFUSALS_SHOWN) {
            err().println(name() + ": REFUSED a message on " + r.topic() + ": " + c.verdict() + " (" + c.detail()
                    + "); not shown");
            err().flush();
        }
        return c.shown();
    }

    /**
     * {@link ExitCode#UNAUTHENTIC} with a summary on stderr when anything was refused, else
     * {@code otherwise}.
     */
    protected ExitCode unlessRefused(ExitCode otherwise) {
        if (verifier == null || verifier.refused() == 0) {
            return otherwise;
        }
        err().println(name() + ": " + verifier.refused() + " message(s) failed telemetry authentication and were not "
                + "shown: " + verifier.counts());
        err().flush();
        return ExitCode.UNAUTHENTIC;
    }

    /** The command's name for messages on stderr. */
    private String name() {
        return spec == null ? "ground" : spec.qualifiedName();
    }
}
