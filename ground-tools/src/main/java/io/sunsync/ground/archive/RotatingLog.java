package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One (satellite, kind, format) series of archive files of one writer, rotated when the day
 * changes or the current file would pass {@code maxBytes}. On first use it continues the
 * writer's newest file of the day (after repairing a torn last line). Not thread safe.
 */
final class RotatingLog implements AutoCloseable {
    private final Path root;
    private final String sat;
    private final String kind;
    private final String writer;
    private final String ext;
    private final long maxBytes;
    private final boolean fsync;
    private AppendFile current;
    private LocalDate day;
    private int part;
    private long repairedBytes;

    /** The series of {@code settings}' writer for (sat, kind) in files named {@code *.ext}. */
    RotatingLog(ArchiveSettings settings, String sat, String kind, String ext) {
        this.root = settings.root();
        this.sat = sat;
        this.kind = kind;
        this.writer = settings.writer();
        this.ext = ext;
        this.maxBytes = settings.maxFileBytes();
        this.fsync = settings.fsync();
    }

    /**
     * The file to append a line of {@code lineBytes} to on {@code today}, rotating first if
     * needed.
     */
    AppendFile fileFor(LocalDate today, long lineBytes) throws IOException {
        if (current == null || !today.equals(day)) {
            closeCurrent();
            day = today;
            part = newestPart(today);
            open();
        }
        if (current.size() > 0 && current.size() + lineBytes > maxBytes) {
            rotate();
        }
        return current;
    }

    /** Starts the next part now (e.g. when a CSV header must change). */
    AppendFile rotate() throws IOException {
        closeCurrent();
        part++;
        open();
        return current;
    }

    /** The current file (null before first use). */
    AppendFile current() {
        return current;
    }

    /** Bytes of torn last lines cut off by this log so far. */
    long repairedBytes() {
        return repairedBytes;
    }

    private void open() throws IOException {
        current = new AppendFile(ArchiveLayout.file(root, sat, kind, day, writer, part, ext), fsync);
        repairedBytes += current.repairedBytes();
    }

    private int newestPart(LocalDate d) throws IOException {
        List<ArchiveLayout.ArchiveFile> files = ArchiveLayout.files(root, sat, kind, ext);
        int newest = 0;
        for (ArchiveLayout.ArchiveFile f : files) {
            if (f.day().equals(d) && f.writer().equals(writer)) {
                newest = Math.max(newest, f.part());
            }
        }
        return newest;
    }

    /** The newest existing file of this writer for {@code kind}, or null. */
    static Path newestFile(Path root, String sat, String kind, String writer, String ext) throws IOException {
        Path newest = null;
        for (ArchiveLayout.ArchiveFile f : ArchiveLayout.files(root, sat, kind, ext)) {
            if (f.writer().equals(writer) && Files.size(f.path()) >= 0) {
                newest = f.path();
            }
        }
        return newest;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
