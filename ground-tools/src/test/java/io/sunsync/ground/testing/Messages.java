package io.sunsync.ground.testing;

import io.sunsync.ground.mqtt.GroundConnection.Received;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Received messages built in a test, as the connection would hand them over. */
public final class Messages {
    private Messages() {
    }

    /** A housekeeping frame of {@code sat} with frame number {@code seq}, mission time {@code t} and a state of charge. */
    public static String hk(String sat, long seq, String t, double socPct) {
        return """
                {"sat":"%s","seq":%d,"t":"%s","mode":"NOMINAL","power":{"arrayW":90000.0,"socPct":%s,"sunlit":true},\
                "boards":{"count":8,"enabled":8,"powerW":7000.0},"control":{"budgetW":8000.0}}""".formatted(sat, seq, t, socPct);
    }

    /** A message on {@code topic} without outbox properties. */
    public static Received on(String topic, String payload) {
        return new Received(topic, payload.getBytes(StandardCharsets.UTF_8), false, 1, 1, false, Map.of(), null);
    }

    /** A message on {@code topic} carrying the outbox's {@code stream} and {@code seq} user properties. */
    public static Received withSeq(String topic, String payload, String stream, long seq) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("stream", stream);
        props.put("seq", Long.toString(seq));
        return new Received(topic, payload.getBytes(StandardCharsets.UTF_8), false, 1, 1, false, props, null);
    }
}
