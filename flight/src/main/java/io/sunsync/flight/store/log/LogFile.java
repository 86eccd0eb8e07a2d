package io.sunsync.flight.store.log;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A log file open for appending frames, forcing them to the device and reading one back.
 *
 * <p>An append writes one whole frame at the end of the good data ({@link #sizeBytes()}); if the
 * write fails (a full disk) the file is cut back to where it was and the error thrown, so the
 * caller can count the record as not written; should the cut fail too, the next append overwrites
 * the partial frame, and a scan after a crash drops it as a torn tail. Appending does not force:
 * {@link #force} does (the outbox groups many appends under one fsync), {@link #appendDurably}
 * does both (the journal forces every record before it takes effect).
 *
 * <p>Threading: appends, reads, {@link #clear} and {@link #close} by one thread at a time (the
 * owner's lock); {@link #force} may run on another thread meanwhile, and throws
 * {@link java.nio.channels.ClosedChannelException} once the file is closed.
 */
public final class LogFile implements AutoCloseable {
    private final Path path;
    private final LogFormat format;
    private final FileChannel channel;
    private long sizeBytes;

    private LogFile(Path path, LogFormat format, FileChannel channel, long sizeBytes) {
        this.path = path;
        this.format = format;
        this.channel = channel;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Creates {@code path}, which must not exist, and writes the format's header (not forced). If
     * the header cannot be written (a full disk) the file is deleted again: no headerless file is
     * left behind to read as damage.
     */
    public static LogFile create(Path path, LogFormat format) throws IOException {
        Objects.requireNonNull(format, "format");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            writeFully(ch, format.fileHeader(), 0);
        } catch (IOException e) {
            try {
                ch.close();
                Files.deleteIfExists(path);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new LogFile(path, format, ch, format.fileHeaderBytes());
    }

    /**
     * Opens {@code path} (created when missing) to append after its good data: whatever lies past
     * {@code goodEnd} (a torn tail found by {@link LogScan#scan}) is cut off and the cut forced. An
     * empty file gets the format's header.
     *
     * @param goodEnd  the scan's {@link LogScan#goodEnd()}, 0 for a file never scanned
     */
    public static LogFile open(Path path, LogFormat format, long goodEnd) throws IOException {
        Objects.requireNonNull(format, "format");
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (ch.size() > goodEnd) {
                ch.truncate(goodEnd);
                ch.force(true);
            }
            if (ch.size() == 0 && format.fileHeaderBytes() > 0) {
                writeFully(ch, format.fileHeader(), 0);
            }
            return new LogFile(path, format, ch, ch.size());
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends one frame holding {@code payload}, not forced; returns where the frame starts. */
    public long append(byte[] payload) throws IOException {
        byte[] frame = format.encode(payload);
        long offset = sizeBytes;
        try {
            writeFully(channel, frame, offset);
        } catch (IOException e) {
            cutBack(offset, e);
            throw e;
        }
        sizeBytes = offset + frame.length;
        return offset;
    }

    /**
     * Appends one frame holding {@code payload} and forces it to the device (fdatasync); returns
     * where the frame starts. On a failed write or force the file is cut back and the error thrown:
     * the record must be taken as never written.
     */
    public long appendDurably(byte[] payload) throws IOException {
        long offset = append(payload);
        try {
            channel.force(false);
        } catch (IOException e) {
            cutBack(offset, e);
            sizeBytes = offset;
            throw e;
        }
        return offset;
    }

    /**
     * Forces what was appended to the device: {@code metadata} false is fdatasync (data and the
     * file's length, what appends need), true is fsync (also times and the like).
     */
    public void force(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    /**
     * Reads back the frame of {@code frameBytes} bytes at {@code offset} (as an append or a scan
     * found it) and returns its payload; a frame damaged since is a {@link FrameException}.
     */
    public ByteBuffer read(long offset, int frameBytes) throws IOException {
        if (frameBytes < LogFormat.FRAME_HEADER_BYTES) {
            throw new IllegalArgumentException("a frame is at least " + LogFormat.FRAME_HEADER_BYTES + " bytes, was "
                    + frameBytes);
        }
        byte[] frame = new byte[frameBytes];
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            if (channel.read(b, offset + b.position()) < 0) {
                throw new EOFException(path.getFileName() + " ends at " + (offset + b.position()) + ", inside the frame at "
                        + offset);
            }
        }
        int length = format.check(frame, 0, frameBytes);
        if (length < 0) {
            throw new FrameException(LogFormat.problem(length), path.getFileName() + " offset " + offset);
        }
        if (format.frameBytes(length) != frameBytes) {
            throw new FrameException(FrameProblem.IMPLAUSIBLE_LENGTH, path.getFileName() + " offset " + offset);
        }
        return ByteBuffer.wrap(frame, LogFormat.FRAME_HEADER_BYTES, length).slice();
    }

    /** Drops every frame: cuts the file back to its header and forces the cut. */
    public void clear() throws IOException {
        channel.truncate(format.fileHeaderBytes());
        channel.force(true);
        sizeBytes = Math.min(sizeBytes, format.fileHeaderBytes());
    }

    /** Bytes of good data: the header and every frame appended or found, where the next frame goes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public Path path() {
        return path;
    }

    public LogFormat format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void cutBack(long offset, IOException cause) {
        try {
            channel.truncate(offset);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes, long at) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }
}
