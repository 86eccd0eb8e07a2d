package io.sunsync.flight.store.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a log file holds: its good frames in file order, the damage between and after them, and
 * where the last good frame ends. Made by {@link #scan}, which never throws on any bytes: an empty
 * file holds nothing and is no damage; a bad or cut-short header is {@link Damage.Kind#BAD_HEADER}
 * (the frames after it are still read); a stretch that
 * is not a good frame (magic, length, CRC and, where given, the owner's decoder) followed by a good
 * frame is {@link Damage.Kind#CORRUPT_RECORDS} and skipped; such a stretch running to the end of
 * the file is {@link Damage.Kind#TORN_TAIL}. Every byte of the file is in exactly one frame, one
 * damage report or the header.
 *
 * @param file     the file's name, as in its damage reports
 * @param frames   the good frames, in file order
 * @param damage   what could not be used, in file order
 * @param goodEnd  where the last good frame (or the header) ends: the length to cut the file back
 *                 to so that appends follow good data ({@link LogFile#open})
 * @param <R>      the decoded payload's type
 */
public record LogScan<R>(String file, List<Frame<R>> frames, List<Damage> damage, long goodEnd) {
    public LogScan {
        frames = List.copyOf(frames);
        damage = List.copyOf(damage);
    }

    /** Scans {@code bytes} (a whole file named {@code file}) into frames holding copies of their payloads. */
    public static LogScan<byte[]> scan(LogFormat format, String file, byte[] bytes) {
        return scan(format, file, bytes, LogScan::copy);
    }

    /**
     * Scans {@code bytes} (a whole file named {@code file}), decoding each good frame's payload with
     * {@code decoder}; a payload the decoder refuses makes its frame damage like a CRC mismatch.
     */
    public static <R> LogScan<R> scan(LogFormat format, String file, byte[] bytes, PayloadDecoder<R> decoder) {
        List<Frame<R>> frames = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        int pos = Math.min(bytes.length, format.fileHeaderBytes());
        if (bytes.length > 0 && !format.headerMatches(bytes)) {
            damage.add(new Damage(file, Damage.Kind.BAD_HEADER, 0, pos, "not a " + format.name() + " header"));
        }
        long goodEnd = pos;
        Attempt<R> at = new Attempt<>();
        while (pos < bytes.length) {
            if (at.tryAt(format, decoder, bytes, pos)) {
                frames.add(new Frame<>(pos, at.frameBytes, at.value));
                pos += at.frameBytes;
                goodEnd = pos;
                continue;
            }
            String why = at.problem.text() + (at.decoderMessage == null ? "" : ": " + at.decoderMessage);
            int next = pos + 1;
            while (next < bytes.length && !at.tryAt(format, decoder, bytes, next)) {
                next++;
            }
            if (next < bytes.length) {
                damage.add(new Damage(file, Damage.Kind.CORRUPT_RECORDS, pos, next - pos,
                        "bad frame skipped (" + why + ")"));
                frames.add(new Frame<>(next, at.frameBytes, at.value));
                pos = next + at.frameBytes;
                goodEnd = pos;
            } else {
                damage.add(new Damage(file, Damage.Kind.TORN_TAIL, pos, bytes.length - pos,
                        "incomplete or garbage tail dropped (" + why + ")"));
                break;
            }
        }
        return new LogScan<>(file, frames, damage, goodEnd);
    }

    /** Whether the file ends in a torn tail (it is longer than {@link #goodEnd()}). */
    public boolean tornTail() {
        return !damage.isEmpty() && damage.get(damage.size() - 1).kind() == Damage.Kind.TORN_TAIL;
    }

    /** The decoded payloads, in file order. */
    public List<R> values() {
        return frames.stream().map(Frame::value).toList();
    }

    private static byte[] copy(ByteBuffer payload) {
        byte[] out = new byte[payload.remaining()];
        payload.get(out);
        return out;
    }

    /** The outcome of trying to read a frame at one position (reused across positions). */
    private static final class Attempt<R> {
        int frameBytes;
        R value;
        FrameProblem problem;
        String decoderMessage;

        boolean tryAt(LogFormat format, PayloadDecoder<R> decoder, byte[] bytes, int pos) {
            value = null;
            decoderMessage = null;
            int length = format.check(bytes, pos, bytes.length);
            if (length < 0) {
                problem = LogFormat.problem(length);
                return false;
            }
            try {
                value = decoder.decode(ByteBuffer.wrap(bytes, pos + LogFormat.FRAME_HEADER_BYTES, length).slice()
                        .asReadOnlyBuffer());
            } catch (MalformedPayloadException e) {
                problem = FrameProblem.MALFORMED_PAYLOAD;
                decoderMessage = e.getMessage();
                return false;
            }
            frameBytes = format.frameBytes(length);
            problem = null;
            return true;
        }
    }
}
