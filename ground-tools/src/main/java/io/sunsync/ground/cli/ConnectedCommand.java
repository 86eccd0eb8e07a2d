package io.sunsync.ground.cli;

import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Mixin;

/** A ground command that talks to the broker: profile plus connection flags. */
public abstract class ConnectedCommand extends GroundCommand {
    @Mixin
    ConnectionOptions connection;

    @Override
    protected LoadedProfile effectiveProfile() {
        return connection.apply(super.effectiveProfile(), environ);
    }

    /** Connection settings for a throw-away session; {@code purpose} goes into the client id. */
    protected ConnectSettings settings(LoadedProfile p, String purpose) {
        return connection.settings(p, environ, purpose);
    }

    /** Opens a throw-away session. */
    protected GroundConnection connect(LoadedProfile p, String purpose) throws MqttException {
        return new GroundConnection(settings(p, purpose));
    }
}
