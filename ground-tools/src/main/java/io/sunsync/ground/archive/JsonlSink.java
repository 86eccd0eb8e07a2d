package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Archive records as JSON lines, one file series per (satellite, kind). Not thread safe. */
final class JsonlSink implements ArchiveSink {
    private final Path root;
    private final String writer;
    private final long maxBytes;
    private final boolean fsync;
    private final Map<String, RotatingLog> logs = new HashMap<>();

    JsonlSink(Path root, String writer, long maxBytes, boolean fsync) {
        this.root = root;
        this.writer = writer;
        this.maxBytes = maxBytes;
        this.fsync = fsync;
    }

    @Override
    public void write(ArchiveRecord r) throws IOException {
        String line = r.toJsonLine();
        RotatingLog log = logs.computeIfAbsent(r.sat() + "/" + r.kind(),
                k -> new RotatingLog(root, r.sat(), r.kind(), writer, "jsonl", maxBytes, fsync));
        log.fileFor(r.rx().atZone(ZoneOffset.UTC).toLocalDate(), line.getBytes(StandardCharsets.UTF_8).length + 1)
                .appendLine(line);
    }

    /** Bytes of torn lines repaired so far. */
    long repairedBytes() {
        return logs.values().stream().mapToLong(RotatingLog::repairedBytes).sum();
    }

    @Override
    public void close() throws IOException {
        for (RotatingLog l : logs.values()) {
            l.close();
        }
    }
}
