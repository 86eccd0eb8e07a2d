package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A line-oriented file opened for appending, durable per line: each line goes to the kernel in
 * one write as soon as it is appended (so it survives the process being killed), and with
 * {@code fsync} is forced to disk too (so it survives a power cut). On opening, a torn last
 * line (the tail of a write cut short) is cut off so that every line in the file is whole.
 *
 * <p>Not thread safe: one owner appends.
 */
public final class AppendFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final boolean fsync;
    private final long repairedBytes;
    private long size;

    /**
     * Opens (creating if needed) {@code path}, repairing a torn last line first.
     *
     * @param fsync force each line to disk
     */
    public AppendFile(Path path, boolean fsync) throws IOException {
        this.path = path;
        this.fsync = fsync;
        Files.createDirectories(path.toAbsolutePath().getParent());
        this.repairedBytes = repairTornLine(path);
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.size = channel.size();
    }

    /**
     * Cuts off a last line that has no newline (a write cut short by a crash).
     *
     * @return the number of bytes cut off (0 when the file was whole or absent)
     */
    public static long repairTornLine(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || lastByte(ch, size) == '\n') {
                return 0;
            }
            long keep = 0;
            ByteBuffer buf = ByteBuffer.allocate(8192);
            long pos = size;
            search:
            while (pos > 0) {
                int n = (int) Math.min(buf.capacity(), pos);
                pos -= n;
                buf.clear().limit(n);
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) >= 0) {
                    // fill the buffer
                }
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        keep = pos + i + 1;
                        break search;
                    }
                }
            }
            ch.truncate(keep);
            ch.force(true);
            return size - keep;
        }
    }

    private static byte lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0);
    }

    /** Appends {@code line} and a newline, in one write. */
    public void appendLine(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (fsync) {
            channel.force(false);
        }
        size += bytes.length;
    }

    /** The file's size now, in bytes. */
    public long size() {
        return size;
    }

    /** Bytes of a torn last line cut off when the file was opened. */
    public long repairedBytes() {
        return repairedBytes;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
