package io.sunsync.ground.testing;

import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tmauth.TelemetryMac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Publishes telemetry of satellite {@code sat} from a test as flight's link would: with the
 * {@code stream}, {@code seq}, {@code kid} and {@code mac} user properties under one of its
 * telemetry keys (docs/icd/downlink.md).
 */
public final class SignedTelemetry {
    private final CommandKeyFile keys;
    private final int kid;

    public SignedTelemetry(CommandKeyFile keys, int kid) {
        this.keys = keys;
        this.kid = kid;
    }

    /** New keys for {@code sat} in {@code file} (ids 1 and 2), signing with key 1. */
    public static SignedTelemetry generate(Path file, String sat) throws java.io.IOException {
        return new SignedTelemetry(CommandKeyFile.generate(file, sat, 2), 1);
    }

    /** The properties flight's link sends with this message. */
    public MqttProperties properties(String topic, String stream, long seq, byte[] payload) {
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty("stream", stream), new UserProperty("seq", Long.toString(seq)),
                new UserProperty("kid", Integer.toString(kid)), new UserProperty("mac",
                        HexFormat.of().formatHex(keys.mac(kid, TelemetryMac.input(topic, stream, seq, payload))))));
        return p;
    }

    /** Publishes {@code payload} on {@code sunsync/{sat}/{stream}} (QoS 1), signed. */
    public void publish(GroundConnection conn, String stream, long seq, String payload, boolean retained)
            throws MqttException {
        publish(conn, "sunsync/" + keys.sat() + "/" + stream, stream, seq, payload, retained);
    }

    /** Publishes {@code payload} on {@code topic} as message {@code seq} of {@code stream} (QoS 1), signed. */
    public void publish(GroundConnection conn, String topic, String stream, long seq, String payload, boolean retained)
            throws MqttException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        conn.publish(topic, bytes, 1, retained, properties(topic, stream, seq, bytes));
    }
}
