package io.sunsync.flight.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on a job runner's data directory ({@code lock} in it): two runners on one directory
 * would kill each other's processes as orphans and interleave their journals.
 *
 * <p>Threading: not thread-safe; held by one job runner.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code dataDir} (which must exist).
     *
     * @throws IllegalStateException when another runner, in this JVM or another, holds it
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException("another job runner is using " + dataDir);
        }
        return new DataDirLock(ch, lock);
    }

    /** Releases the lock and closes its file. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
