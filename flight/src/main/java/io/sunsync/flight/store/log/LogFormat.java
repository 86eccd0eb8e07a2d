package io.sunsync.flight.store.log;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The shape of one kind of log file: an optional file header, then frames
 * <pre>
 *   magic   4 bytes  {@link #recordMagic()}, big-endian
 *   length  4 bytes  payload length, big-endian, {@link #minPayloadBytes()}..{@link #maxPayloadBytes()}
 *   crc     4 bytes  CRC-32C, big-endian, of the payload ({@link CrcScope#PAYLOAD}) or of the
 *                    length field and the payload ({@link CrcScope#LENGTH_AND_PAYLOAD})
 *   payload length bytes
 * </pre>
 * The file header is written once when a file is created; a scan checks its first
 * {@link #fileMagicBytes()} bytes (the rest, e.g. a version, is the owner's). Every kind of file
 * keeps the magic, header and CRC scope it was first written with, so files written before this
 * class existed read and extend unchanged.
 *
 * <p>Immutable and thread safe.
 */
public final class LogFormat {
    /** Bytes before each payload: magic, length, CRC. */
    public static final int FRAME_HEADER_BYTES = 12;

    /** What a frame's CRC-32C covers. */
    public enum CrcScope {
        /** The payload only. */
        PAYLOAD,
        /** The 4-byte length field, then the payload: a flipped length bit cannot pass the check. */
        LENGTH_AND_PAYLOAD
    }

    private final String name;
    private final byte[] fileHeader;
    private final int fileMagicBytes;
    private final int recordMagic;
    private final CrcScope crcScope;
    private final int minPayloadBytes;
    private final int maxPayloadBytes;

    /**
     * @param name             what the files are, for reports (e.g. {@code "outbox segment"})
     * @param fileHeader       bytes every file starts with (empty for none)
     * @param fileMagicBytes   how many leading header bytes identify the format, 0..header length
     * @param recordMagic      the 4 bytes every frame starts with
     * @param crcScope         what the CRC covers
     * @param minPayloadBytes  smallest payload, bytes, &ge; 0
     * @param maxPayloadBytes  largest payload, bytes, &ge; {@code minPayloadBytes}
     */
    public LogFormat(String name, byte[] fileHeader, int fileMagicBytes, int recordMagic, CrcScope crcScope,
                     int minPayloadBytes, int maxPayloadBytes) {
        this.name = Objects.requireNonNull(name, "name");
        this.fileHeader = Objects.requireNonNull(fileHeader, "fileHeader").clone();
        this.crcScope = Objects.requireNonNull(crcScope, "crcScope");
        if (fileMagicBytes < 0 || fileMagicBytes > fileHeader.length) {
            throw new IllegalArgumentException("fileMagicBytes must be in [0, " + fileHeader.length + "], was "
                    + fileMagicBytes);
        }
        if (minPayloadBytes < 0 || maxPayloadBytes < minPayloadBytes) {
            throw new IllegalArgumentException("payload bounds must satisfy 0 <= min <= max, were " + minPayloadBytes
                    + ", " + maxPayloadBytes);
        }
        this.fileMagicBytes = fileMagicBytes;
        this.recordMagic = recordMagic;
        this.minPayloadBytes = minPayloadBytes;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A format whose files have no header. */
    public static LogFormat headerless(String name, int recordMagic, CrcScope crcScope, int minPayloadBytes,
                                       int maxPayloadBytes) {
        return new LogFormat(name, new byte[0], 0, recordMagic, crcScope, minPayloadBytes, maxPayloadBytes);
    }

    public String name() {
        return name;
    }

    /** The header a new file starts with (a copy). */
    public byte[] fileHeader() {
        return fileHeader.clone();
    }

    /** Length of the file header, bytes. */
    public int fileHeaderBytes() {
        return fileHeader.length;
    }

    public int fileMagicBytes() {
        return fileMagicBytes;
    }

    public int recordMagic() {
        return recordMagic;
    }

    public CrcScope crcScope() {
        return crcScope;
    }

    public int minPayloadBytes() {
        return minPayloadBytes;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Bytes a frame of a {@code payloadBytes}-byte payload occupies. */
    public int frameBytes(int payloadBytes) {
        return FRAME_HEADER_BYTES + payloadBytes;
    }

    /** Whether {@code file} starts with this format's header (is at least a header long, magic equal). */
    public boolean headerMatches(byte[] file) {
        return file.length >= fileHeader.length
                && Arrays.equals(file, 0, fileMagicBytes, fileHeader, 0, fileMagicBytes);
    }

    /** Frames {@code payload}; a payload outside the format's bounds is refused. */
    public byte[] encode(byte[] payload) {
        if (payload.length < minPayloadBytes || payload.length > maxPayloadBytes) {
            throw new IllegalArgumentException(name + ": payload of " + payload.length + " bytes is outside ["
                    + minPayloadBytes + ", " + maxPayloadBytes + "]");
        }
        byte[] frame = new byte[FRAME_HEADER_BYTES + payload.length];
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.putInt(recordMagic).putInt(payload.length).putInt(0).put(payload);
        b.putInt(8, crc(frame, 0, payload.length));
        return frame;
    }

    /**
     * Checks the frame starting at {@code pos} of {@code bytes[0..limit)}: its payload length when it
     * is a good frame, else {@code -1 - problem.ordinal()} (see {@link #problem(int)}). Allocates
     * nothing, so a scan can try it at every byte of a damaged stretch.
     */
    int check(byte[] bytes, int pos, int limit) {
        if (limit - pos < FRAME_HEADER_BYTES) {
            return code(FrameProblem.TRUNCATED_HEADER);
        }
        if (getInt(bytes, pos) != recordMagic) {
            return code(FrameProblem.BAD_MAGIC);
        }
        int length = getInt(bytes, pos + 4);
        if (length < minPayloadBytes || length > maxPayloadBytes) {
            return code(FrameProblem.IMPLAUSIBLE_LENGTH);
        }
        if ((long) limit - pos - FRAME_HEADER_BYTES < length) {
            return code(FrameProblem.TRUNCATED_PAYLOAD);
        }
        if (crc(bytes, pos, length) != getInt(bytes, pos + 8)) {
            return code(FrameProblem.CRC_MISMATCH);
        }
        return length;
    }

    /** The problem a negative {@link #check} result stands for. */
    static FrameProblem problem(int checkResult) {
        return FrameProblem.values()[-1 - checkResult];
    }

    private static int code(FrameProblem p) {
        return -1 - p.ordinal();
    }

    /** CRC-32C of the frame at {@code pos} whose payload is {@code length} bytes, over this format's scope. */
    private int crc(byte[] bytes, int pos, int length) {
        CRC32C c = new CRC32C();
        if (crcScope == CrcScope.LENGTH_AND_PAYLOAD) {
            c.update(bytes, pos + 4, 4);
        }
        c.update(bytes, pos + FRAME_HEADER_BYTES, length);
        return (int) c.getValue();
    }

    private static int getInt(byte[] d, int pos) {
        return ((d[pos] & 0xff) << 24) | ((d[pos + 1] & 0xff) << 16) | ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
    }

    @Override
    public String toString() {
        return "LogFormat[" + name + String.format(" magic 0x%08X, ", recordMagic) + fileHeader.length
                + "-byte header, CRC-32C of " + crcScope + ", payload " + minPayloadBytes + ".." + maxPayloadBytes + "]";
    }
}
