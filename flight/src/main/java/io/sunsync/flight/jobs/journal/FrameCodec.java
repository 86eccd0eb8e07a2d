package io.sunsync.flight.jobs.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Frames records for append-only files and finds them again, whatever was appended after them.
 * A frame is
 * <pre>
 *   magic   4 bytes  0x534A4E4C ("SJNL")
 *   length  4 bytes  payload length, big-endian, 0..{@link #MAX_PAYLOAD_BYTES}
 *   crc     4 bytes  CRC32C of the payload, big-endian
 *   payload length bytes (UTF-8 JSON for the journal)
 * </pre>
 * {@link #scan(byte[])} returns every frame that checks out and, for bytes that do not, a
 * {@link Damage}: a bad stretch followed by a good frame is {@link Damage.Kind#CORRUPT_FRAME}
 * (skipped, the scan goes on), a bad stretch running to the end is {@link Damage.Kind#TORN_TAIL}
 * (an append cut short by a crash, or garbage appended). Stateless and thread safe.
 */
public final class FrameCodec {
    /** Frame start marker, "SJNL". */
    public static final int MAGIC = 0x534A4E4C;
    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 12;
    /** Largest payload, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private FrameCodec() {
    }

    /** One good frame: where it starts in the file and its payload. */
    public record Frame(long offset, byte[] payload) {
        /** Bytes the whole frame occupies. */
        public long sizeBytes() {
            return HEADER_BYTES + payload.length;
        }
    }

    /** What a scan found: the good frames in order, and the damage between and after them. */
    public record Scan(List<Frame> frames, List<Damage> damage, long goodEnd) {
        public Scan {
            frames = List.copyOf(frames);
            damage = List.copyOf(damage);
        }
    }

    /** Frames {@code payload}. */
    public static byte[] encode(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buf.putInt(MAGIC).putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload);
        return buf.array();
    }

    /**
     * Reads every good frame in {@code data}. {@link Scan#goodEnd()} is where the last good frame
     * ends: the length to truncate a file to so that appends follow good data.
     */
    public static Scan scan(byte[] data) {
        List<Frame> frames = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        int pos = 0;
        int goodEnd = 0;
        while (pos < data.length) {
            int len = frameLength(data, pos);
            if (len >= 0) {
                byte[] payload = new byte[len];
                System.arraycopy(data, pos + HEADER_BYTES, payload, 0, len);
                frames.add(new Frame(pos, payload));
                pos += HEADER_BYTES + len;
                goodEnd = pos;
                continue;
            }
            int next = pos + 1;
            while (next < data.length && frameLength(data, next) < 0) {
                next++;
            }
            if (next < data.length) {
                damage.add(new Damage(Damage.Kind.CORRUPT_FRAME, pos, next - pos, "bad frame skipped"));
                pos = next;
            } else {
                damage.add(new Damage(Damage.Kind.TORN_TAIL, pos, data.length - pos, "incomplete or garbage tail dropped"));
                break;
            }
        }
        return new Scan(frames, damage, goodEnd);
    }

    /** The payload length of a good frame at {@code pos}, or -1 when there is none there. */
    private static int frameLength(byte[] d, int pos) {
        if (pos + HEADER_BYTES > d.length || getInt(d, pos) != MAGIC) {
            return -1;
        }
        int len = getInt(d, pos + 4);
        if (len < 0 || len > MAX_PAYLOAD_BYTES || (long) pos + HEADER_BYTES + len > d.length) {
            return -1;
        }
        return crc(d, pos + HEADER_BYTES, len) == getInt(d, pos + 8) ? len : -1;
    }

    private static int getInt(byte[] d, int pos) {
        return ((d[pos] & 0xff) << 24) | ((d[pos + 1] & 0xff) << 16) | ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
    }

    private static int crc(byte[] d, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(d, off, len);
        return (int) crc.getValue();
    }
}
