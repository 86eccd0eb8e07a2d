package io.sunsync.flight.link.outbox;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The on-disk format of outbox segments (see {@code docs/link.md}).
 *
 * <pre>
 * segment = header record*
 * header  = "SSOBSEG1" (8 bytes)  u32 version=1  u32 reserved=0          (16 bytes)
 * record  = u32 magic=0x53534F52 ("SSOR")  u32 bodyLength  u32 crc32c(bodyLength ‖ body)  body
 * body    = u8 version=1  u8 priority  u8 qos  u8 flags(bit 0 retained)  i64 seq  i64 enqueuedAtMs
 *           str16 stream  str16 topic  u16 propertyCount property*  u32 payloadLength payload
 * property= u8 type  u32 length  bytes     (1 correlation data, 2 expiry s as i64, 3 response topic,
 *                                           4 content type, 5 user property = str16 key str16 value)
 * str16   = u16 length  UTF-8 bytes
 * </pre>
 * All integers big-endian. Decoding is total: any byte string gives records or a reason, never an
 * exception. Stateless and thread safe.
 */
public final class RecordCodec {
    /** Length of the segment header. */
    public static final int SEGMENT_HEADER_BYTES = 16;
    /** Length of a record frame header (magic, length, CRC). */
    public static final int FRAME_HEADER_BYTES = 12;
    static final int RECORD_MAGIC = 0x53534F52;
    static final byte[] SEGMENT_MAGIC = "SSOBSEG1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MIN_BODY = 4 + 8 + 8 + 2 + 2 + 2 + 4;
    /** Records larger than this are refused at append and treated as corruption when read. */
    public static final int MAX_BODY_BYTES = 1 << 30;

    private static final int P_CORRELATION = 1;
    private static final int P_EXPIRY = 2;
    private static final int P_RESPONSE_TOPIC = 3;
    private static final int P_CONTENT_TYPE = 4;
    private static final int P_USER = 5;

    private RecordCodec() {
    }

    /** The 16-byte header every segment file starts with. */
    public static byte[] segmentHeader() {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        b.put(SEGMENT_MAGIC).putInt(VERSION).putInt(0);
        return b.array();
    }

    /** Encodes {@code record} as a framed record (frame header + body). */
    public static byte[] encode(OutboxRecord record) {
        byte[] stream = utf8(record.stream());
        byte[] topic = utf8(record.topic());
        List<byte[]> props = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        if (record.correlationData() != null) {
            types.add(P_CORRELATION);
            props.add(record.correlationData());
        }
        if (record.messageExpiryS() != null) {
            types.add(P_EXPIRY);
            props.add(ByteBuffer.allocate(8).putLong(record.messageExpiryS()).array());
        }
        if (record.responseTopic() != null) {
            types.add(P_RESPONSE_TOPIC);
            props.add(utf8(record.responseTopic()));
        }
        if (record.contentType() != null) {
            types.add(P_CONTENT_TYPE);
            props.add(utf8(record.contentType()));
        }
        for (Map.Entry<String, String> u : record.userProperties()) {
            byte[] k = utf8(u.getKey());
            byte[] v = utf8(u.getValue());
            types.add(P_USER);
            props.add(ByteBuffer.allocate(4 + k.length + v.length).putShort((short) k.length).put(k)
                    .putShort((short) v.length).put(v).array());
        }
        checkStr16(stream, "stream");
        checkStr16(topic, "topic");
        if (props.size() > 0xFFFF) {
            throw new IllegalArgumentException("too many properties: " + props.size());
        }
        long bodyLength = 4L + 8 + 8 + 2 + stream.length + 2 + topic.length + 2 + 4 + record.payload().length;
        for (byte[] p : props) {
            bodyLength += 1 + 4 + p.length;
        }
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("record of " + bodyLength + " bytes is over the limit of " + MAX_BODY_BYTES);
        }
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER_BYTES + (int) bodyLength);
        b.putInt(RECORD_MAGIC).putInt((int) bodyLength).putInt(0);
        b.put((byte) VERSION).put((byte) record.priority().ordinal()).put((byte) record.qos())
                .put((byte) (record.retained() ? 1 : 0));
        b.putLong(record.seq()).putLong(record.enqueuedAt().toEpochMilli());
        b.putShort((short) stream.length).put(stream);
        b.putShort((short) topic.length).put(topic);
        b.putShort((short) props.size());
        for (int i = 0; i < props.size(); i++) {
            b.put((byte) (int) types.get(i)).putInt(props.get(i).length).put(props.get(i));
        }
        b.putInt(record.payload().length).put(record.payload());
        byte[] out = b.array();
        b.putInt(8, frameCrc(out, 0, (int) bodyLength));
        return out;
    }

    private static void checkStr16(byte[] s, String what) {
        if (s.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " is longer than 65535 bytes");
        }
    }

    /** CRC-32C over the frame's length field and its body (the CRC field itself left out). */
    private static int frameCrc(byte[] a, int frameOffset, int bodyLength) {
        CRC32C c = new CRC32C();
        c.update(a, frameOffset + 4, 4);
        c.update(a, frameOffset + FRAME_HEADER_BYTES, bodyLength);
        return (int) c.getValue();
    }

    /**
     * The result of reading one framed record at a position.
     *
     * @param record      the record, or null when there is none
     * @param frameBytes  the length of the frame read (header + body), 0 when none
     * @param problem     why there is none: null on success
     */
    public record Decoded(OutboxRecord record, int frameBytes, String problem) {
        boolean ok() {
            return record != null;
        }
    }

    /**
     * Reads the framed record that starts at {@code offset} of {@code bytes[0..limit)}.
     * Never throws; a bad frame gives a {@link Decoded} with a problem.
     */
    public static Decoded decode(byte[] bytes, int offset, int limit) {
        if (offset < 0 || limit > bytes.length || offset > limit) {
            return new Decoded(null, 0, "bad range");
        }
        if (limit - offset < FRAME_HEADER_BYTES) {
            return new Decoded(null, 0, "truncated frame header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, limit - offset);
        if (b.getInt() != RECORD_MAGIC) {
            return new Decoded(null, 0, "bad magic");
        }
        int bodyLength = b.getInt();
        int storedCrc = b.getInt();
        if (bodyLength < MIN_BODY || bodyLength > MAX_BODY_BYTES) {
            return new Decoded(null, 0, "implausible length " + bodyLength);
        }
        if ((long) limit - offset - FRAME_HEADER_BYTES < bodyLength) {
            return new Decoded(null, 0, "truncated body");
        }
        if (frameCrc(bytes, offset, bodyLength) != storedCrc) {
            return new Decoded(null, 0, "CRC mismatch");
        }
        try {
            OutboxRecord r = body(ByteBuffer.wrap(bytes, offset + FRAME_HEADER_BYTES, bodyLength).slice());
            return new Decoded(r, FRAME_HEADER_BYTES + bodyLength, null);
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            return new Decoded(null, 0, "malformed body: " + e.getClass().getSimpleName());
        }
    }

    private static OutboxRecord body(ByteBuffer b) throws CharacterCodingException {
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version);
        }
        int p = b.get() & 0xFF;
        if (p >= Priority.values().length) {
            throw new IllegalArgumentException("priority " + p);
        }
        int qos = b.get() & 0xFF;
        int flags = b.get() & 0xFF;
        if (qos > 2 || (flags & ~1) != 0) {
            throw new IllegalArgumentException("qos/flags");
        }
        long seq = b.getLong();
        long t = b.getLong();
        String stream = str16(b);
        String topic = str16(b);
        int count = b.getShort() & 0xFFFF;
        byte[] correlation = null;
        Long expiry = null;
        String response = null;
        String contentType = null;
        List<Map.Entry<String, String>> user = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int type = b.get() & 0xFF;
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new IllegalArgumentException("property length");
            }
            ByteBuffer v = b.slice().limit(length);
            b.position(b.position() + length);
            switch (type) {
                case P_CORRELATION -> correlation = bytes(v);
                case P_EXPIRY -> {
                    if (length != 8) {
                        throw new IllegalArgumentException("expiry length");
                    }
                    expiry = v.getLong();
                }
                case P_RESPONSE_TOPIC -> response = text(v);
                case P_CONTENT_TYPE -> contentType = text(v);
                case P_USER -> {
                    String k = str16(v);
                    String val = str16(v);
                    if (v.hasRemaining()) {
                        throw new IllegalArgumentException("user property length");
                    }
                    user.add(new AbstractMap.SimpleImmutableEntry<>(k, val));
                }
                default -> throw new IllegalArgumentException("property type " + type);
            }
        }
        int payloadLength = b.getInt();
        if (payloadLength != b.remaining()) {
            throw new IllegalArgumentException("payload length");
        }
        byte[] payload = bytes(b);
        return new OutboxRecord(stream, seq, Priority.values()[p], Instant.ofEpochMilli(t), topic, qos, flags == 1,
                correlation, expiry, response, contentType, user, payload);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static String str16(ByteBuffer b) throws CharacterCodingException {
        int n = b.getShort() & 0xFFFF;
        if (n > b.remaining()) {
            throw new IllegalArgumentException("string length");
        }
        ByteBuffer s = b.slice().limit(n);
        b.position(b.position() + n);
        return text(s);
    }

    private static String text(ByteBuffer b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A record found by {@link #scan}, with where it is in the file.
     *
     * @param offset      position of its frame in the file
     * @param frameBytes  length of its frame
     * @param record      the record
     */
    public record Located(long offset, int frameBytes, OutboxRecord record) {
    }

    /**
     * What a segment file holds: its valid records in order, the damage skipped, and where the
     * last valid record ends (the file may be truncated there when the damage is a torn tail).
     *
     * @param records   valid records in file order
     * @param damage    stretches that were not valid records
     * @param validEnd  offset just past the last valid record (or the header)
     */
    public record Scan(List<Located> records, List<Damage> damage, long validEnd) {
    }

    /**
     * Reads every valid record of a segment file's bytes. A bad stretch is skipped up to the next
     * valid record (found by its magic and CRC); a bad stretch that runs to the end of the file is
     * a torn tail. Never throws.
     *
     * @param name  the segment's file name, for the damage report
     */
    public static Scan scan(String name, byte[] file) {
        List<Located> records = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        // Records start after the header; a damaged header is reported and the records after it read.
        int pos = Math.min(file.length, SEGMENT_HEADER_BYTES);
        if (file.length < SEGMENT_HEADER_BYTES || !java.util.Arrays.equals(file, 0, SEGMENT_MAGIC.length,
                SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length)) {
            damage.add(new Damage(name, 0, pos, Damage.Kind.BAD_HEADER));
        }
        long validEnd = pos;
        while (pos < file.length) {
            Decoded d = decode(file, pos, file.length);
            if (d.ok()) {
                records.add(new Located(pos, d.frameBytes(), d.record()));
                pos += d.frameBytes();
                validEnd = pos;
                continue;
            }
            int next = nextValid(file, pos + 1);
            if (next < 0) {
                damage.add(new Damage(name, pos, file.length - pos, Damage.Kind.TORN_TAIL));
                break;
            }
            damage.add(new Damage(name, pos, next - pos, Damage.Kind.CORRUPT_RECORDS));
            pos = next;
        }
        return new Scan(records, damage, validEnd);
    }

    private static int nextValid(byte[] file, int from) {
        for (int i = Math.max(from, 0); i + FRAME_HEADER_BYTES <= file.length; i++) {
            if (file[i] == 0x53 && file[i + 1] == 0x53 && file[i + 2] == 0x4F && file[i + 3] == 0x52
                    && decode(file, i, file.length).ok()) {
                return i;
            }
        }
        return -1;
    }
}
