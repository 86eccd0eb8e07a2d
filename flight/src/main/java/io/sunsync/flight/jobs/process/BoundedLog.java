package io.sunsync.flight.jobs.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Copies a process's output stream into a log file of bounded size: when the file reaches
 * {@code maxBytes} it is renamed to {@code <name>.1} (replacing the previous one) and a new file
 * is begun, so the log never takes more than twice {@code maxBytes}. Always drains the stream,
 * so a process that spams output never blocks on a full pipe. Bytes dropped by rotation are
 * counted.
 *
 * <p>Threading: {@link #run()} runs on the pump thread; {@link #tail} and the counters may be read
 * from any thread.
 */
public final class BoundedLog implements Runnable {
    private final InputStream in;
    private final Path file;
    private final long maxBytes;
    private volatile long totalBytes;
    private volatile long rotations;

    /**
     * @param in        the stream to drain (closed at its end)
     * @param file      the log file (created or truncated)
     * @param maxBytes  size at which the log rotates, in bytes (&gt; 0)
     */
    public BoundedLog(InputStream in, Path file, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0");
        }
        this.in = in;
        this.file = file;
        this.maxBytes = maxBytes;
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        OutputStream out = null;
        long inFile = 0;
        try {
            out = open();
            int n;
            while ((n = in.read(buf)) > 0) {
                totalBytes += n;
                int off = 0;
                while (off < n) {
                    int chunk = (int) Math.min(n - off, maxBytes - inFile);
                    if (chunk <= 0) {
                        out.close();
                        Files.move(file, rotated(), StandardCopyOption.REPLACE_EXISTING);
                        rotations++;
                        out = open();
                        inFile = 0;
                        continue;
                    }
                    out.write(buf, off, chunk);
                    off += chunk;
                    inFile += chunk;
                }
                out.flush();
            }
        } catch (IOException e) {
            // The stream closed under us (process killed) or the disk failed (full): the log is best
            // effort, but the pipe is drained to its end, never closed early, or the process would
            // die of SIGPIPE at its next write (found by the process-level soak on a full disk).
            drainQuietly(buf);
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void drainQuietly(byte[] buf) {
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                totalBytes += n; // discarded, but drained so the process never blocks on the pipe
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    private OutputStream open() throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    private Path rotated() {
        return file.resolveSibling(file.getFileName() + ".1");
    }

    /** Bytes the process has written to the stream so far. */
    public long totalBytes() {
        return totalBytes;
    }

    /** How many times the log rotated. */
    public long rotations() {
        return rotations;
    }

    /** The last {@code maxChars} bytes of the current log file, as text (for failure reports). */
    public String tail(int maxChars) {
        return tail(file, maxChars);
    }

    /** The last {@code maxChars} bytes of {@code file}, as text; empty when unreadable. */
    public static String tail(Path file, int maxChars) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            int n = (int) Math.min(len, maxChars);
            byte[] b = new byte[n];
            raf.seek(len - n);
            raf.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
