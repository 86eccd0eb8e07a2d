package io.sunsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small, size-limited volume for disk-full tests: a {@code tmpfs} of a fixed size mounted on a
 * folder, so a process writing into it gets the kernel's real {@code ENOSPC} ("No space left on
 * device") when it is full, exactly as a flight board's full state partition would answer.
 * {@link #fill()} writes a ballast file until the kernel refuses more; {@link #release()}
 * deletes it.
 *
 * <p>Mounting needs {@code CAP_SYS_ADMIN} (root on a VM or CI runner; a container started
 * without it cannot): {@link #mount} throws with the reason when the kernel refuses, it never
 * pretends. Not thread safe; one test owns one volume.
 */
public final class TmpfsVolume implements AutoCloseable {
    private static final int BLOCK = 64 * 1024;
    private final Path dir;
    private final long sizeBytes;
    private final Path ballast;
    private boolean mounted;

    private TmpfsVolume(Path dir, long sizeBytes) {
        this.dir = dir;
        this.sizeBytes = sizeBytes;
        this.ballast = dir.resolve(".ballast");
    }

    /**
     * Mounts a {@code tmpfs} of {@code sizeBytes} on {@code dir} (created if needed, must be empty).
     *
     * @throws IllegalStateException when the mount is refused (no privilege), with the kernel's answer
     */
    public static TmpfsVolume mount(Path dir, long sizeBytes) {
        if (sizeBytes < 1 << 20) {
            throw new IllegalArgumentException("a volume of at least 1 MiB, not " + sizeBytes + " bytes");
        }
        try {
            Files.createDirectories(dir);
            TmpfsVolume v = new TmpfsVolume(dir.toAbsolutePath(), sizeBytes);
            String out = run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0755", "sunsync-test",
                    v.dir.toString());
            if (out != null) {
                throw new IllegalStateException("cannot mount a " + sizeBytes + "-byte tmpfs on " + dir
                        + " (needs root with CAP_SYS_ADMIN, as on the CI runner): " + out.strip());
            }
            v.mounted = true;
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    /** Whether this machine lets us mount one (tries a 1 MiB volume and unmounts it). */
    public static boolean available() {
        try {
            Path probe = Files.createTempDirectory("sunsync-tmpfs-probe-");
            try (TmpfsVolume v = mount(probe, 1 << 20)) {
                return v.mounted;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }

    /** The mount point. */
    public Path dir() {
        return dir;
    }

    /** The volume's size, in bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Bytes in use on the volume (statfs), ballast included. */
    public long usedBytes() {
        try {
            var store = Files.getFileStore(dir);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fills the volume: appends to a ballast file until the kernel answers {@code ENOSPC}.
     *
     * @return the ballast's size, in bytes
     */
    public long fill() {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long written = 0;
        try (FileChannel ch = FileChannel.open(ballast, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            int size = BLOCK;
            while (size > 0) {
                block.clear().limit(size);
                try {
                    while (block.hasRemaining()) {
                        written += ch.write(block);
                    }
                } catch (IOException full) {
                    size /= 2; // take the last few blocks too, down to single bytes
                }
            }
            return Files.size(ballast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fill " + dir, e);
        }
    }

    /** Whether the ballast is in place. */
    public boolean full() {
        return Files.exists(ballast);
    }

    /** Deletes the ballast: the space is free again. */
    public void release() {
        try {
            Files.deleteIfExists(ballast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the ballast in " + dir, e);
        }
    }

    /** Unmounts the volume (its content is gone). */
    @Override
    public void close() {
        if (!mounted) {
            return;
        }
        String out = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            out = run("umount", dir.toString());
            if (out == null) {
                mounted = false;
                return;
            }
            try {
                Thread.sleep(100); // a child process may still be letting go of its files
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        out = run("umount", "-l", dir.toString());
        mounted = out != null;
        if (mounted) {
            throw new IllegalStateException("cannot unmount " + dir + ": " + out);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", cmd) + ": timed out";
            }
            return p.exitValue() == 0 ? null : String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return String.join(" ", cmd) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
