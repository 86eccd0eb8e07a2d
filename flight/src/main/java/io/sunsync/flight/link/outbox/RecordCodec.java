package io.sunsync.flight.link.outbox;

import io.sunsync.flight.store.log.LogFormat;
import io.sunsync.flight.store.log.LogScan;
import io.sunsync.flight.store.log.MalformedPayloadException;
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

/**
 * The on-disk format of outbox segments (see {@code docs/link.md}): a segment is a
 * {@code store.log} file of {@link #FORMAT}, each frame's payload one record's body.
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
 * All integers big-endian. Reading is total: {@link #scan} turns any bytes into records and damage
 * reports, {@link #decodeBody} any bytes into a record or a {@link MalformedPayloadException}.
 * Stateless and thread safe.
 */
public final class RecordCodec {
    /** Length of the segment header. */
    public static final int SEGMENT_HEADER_BYTES = 16;
    private static final byte[] SEGMENT_MAGIC = "SSOBSEG1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MIN_BODY = 4 + 8 + 8 + 2 + 2 + 2 + 4;
    /** Records larger than this are refused at append and treated as corruption when read. */
    public static final int MAX_BODY_BYTES = 1 << 30;
    /**
     * Segment files: the 16-byte header (its 8-byte magic checked), frames "SSOR" whose CRC-32C
     * covers the length field and the body. Unchanged since the first outbox, so segments kept
     * across a software update are recovered.
     */
    public static final LogFormat FORMAT = new LogFormat("outbox segment", segmentHeader(), SEGMENT_MAGIC.length,
            0x53534F52, LogFormat.CrcScope.LENGTH_AND_PAYLOAD, MIN_BODY, MAX_BODY_BYTES);

    private static final int P_CORRELATION = 1;
    private static final int P_EXPIRY = 2;
    private static final int P_RESPONSE_TOPIC = 3;
    private static final int P_CONTENT_TYPE = 4;
    private static final int P_USER = 5;

    private RecordCodec() {
    }

    private static byte[] segmentHeader() {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        b.put(SEGMENT_MAGIC).putInt(VERSION).putInt(0);
        return b.array();
    }

    /** Encodes {@code record}'s body (the payload of its frame); a record too big for the format is refused. */
    public static byte[] encodeBody(OutboxRecord record) {
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
        ByteBuffer b = ByteBuffer.allocate((int) bodyLength);
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
        return b.array();
    }

    private static void checkStr16(byte[] s, String what) {
        if (s.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " is longer than 65535 bytes");
        }
    }

    /**
     * Decodes a record's body (a frame's payload, as a scan or a read hands it over).
     *
     * @throws MalformedPayloadException when the bytes are not a body this build can read
     */
    public static OutboxRecord decodeBody(ByteBuffer body) throws MalformedPayloadException {
        try {
            return body(body.slice());
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            throw new MalformedPayloadException("malformed body: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
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
     * Reads every valid record of a segment file's bytes (see {@link LogScan#scan}): a bad stretch is
     * skipped up to the next valid record (found by its magic, CRC and a body that decodes); a bad
     * stretch that runs to the end of the file is a torn tail. Never throws.
     *
     * @param name  the segment's file name, for the damage report
     */
    public static LogScan<OutboxRecord> scan(String name, byte[] file) {
        return LogScan.scan(FORMAT, name, file, RecordCodec::decodeBody);
    }
}
