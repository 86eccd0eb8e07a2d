package io.sunsync.ground.tmauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a telemetry MAC covers, as docs/icd/downlink.md defines them ("Telemetry
 * authentication"): {@code "sunsync-tm-v1" 0x00}, then the topic, the stream (each a u16 length
 * and UTF-8), the sequence number (u64) and the payload (a u32 length and the exact bytes),
 * big-endian. Flight builds the same bytes (ground-tools may not depend on flight; the cross-test
 * {@code TelemetryMacProperties} holds the two to each other). Stateless; thread safe.
 */
public final class TelemetryMac {
    /** The version and domain tag at the head of every input. */
    public static final String TAG = "sunsync-tm-v1";
    private static final byte[] TAG_BYTES = TAG.getBytes(StandardCharsets.US_ASCII);

    private TelemetryMac() {
    }

    /**
     * The MAC input of one message.
     *
     * @param topic   the topic it arrived on
     * @param stream  its {@code stream} user property
     * @param seq     its {@code seq} user property, &ge; 0
     * @param payload its exact payload bytes
     */
    public static byte[] input(String topic, String stream, long seq, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] s = stream.getBytes(StandardCharsets.UTF_8);
        if (t.length > 0xFFFF || s.length > 0xFFFF || seq < 0) {
            throw new IllegalArgumentException("topic and stream must be at most 65535 bytes and seq >= 0");
        }
        return ByteBuffer.allocate(TAG_BYTES.length + 1 + 2 + t.length + 2 + s.length + 8 + 4 + payload.length)
                .put(TAG_BYTES).put((byte) 0)
                .putShort((short) t.length).put(t)
                .putShort((short) s.length).put(s)
                .putLong(seq)
                .putInt(payload.length).put(payload)
                .array();
    }
}
