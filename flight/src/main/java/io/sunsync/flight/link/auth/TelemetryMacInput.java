package io.sunsync.flight.link.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a telemetry MAC covers (docs/icd/downlink.md, "Telemetry authentication"):
 * <pre>
 * "sunsync-tm-v1" 0x00
 * u16 topic length   topic (UTF-8)
 * u16 stream length  stream (UTF-8)
 * u64 seq
 * u32 payload length payload
 * </pre>
 * big-endian. Every field has its length, so no two different messages have the same input
 * (a topic cannot run into its stream, a payload cannot pass for another seq).
 *
 * <p>Stateless; thread safe.
 */
public final class TelemetryMacInput {
    /** The version and domain tag at the head of every input (it keeps a telemetry MAC from passing for any other). */
    public static final String TAG = "sunsync-tm-v1";
    private static final byte[] TAG_BYTES = TAG.getBytes(StandardCharsets.US_ASCII);

    private TelemetryMacInput() {
    }

    /**
     * The MAC input for one message.
     *
     * @param topic   the MQTT topic it is published on (at most 65,535 bytes of UTF-8)
     * @param stream  its stream ({@code tm/hk}, {@code evt}, …, {@code birth}; at most 65,535 bytes)
     * @param seq     its sequence number in the stream, &ge; 0
     * @param payload the exact payload bytes
     */
    public static byte[] of(String topic, String stream, long seq, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] s = stream.getBytes(StandardCharsets.UTF_8);
        if (t.length > 0xFFFF || s.length > 0xFFFF) {
            throw new IllegalArgumentException("topic and stream must be at most 65535 bytes");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        ByteBuffer b = ByteBuffer.allocate(TAG_BYTES.length + 1 + 2 + t.length + 2 + s.length + 8 + 4 + payload.length);
        b.put(TAG_BYTES).put((byte) 0);
        b.putShort((short) t.length).put(t);
        b.putShort((short) s.length).put(s);
        b.putLong(seq);
        b.putInt(payload.length).put(payload);
        return b.array();
    }
}
