package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Archive records as JSON lines, one file series per (satellite, kind). Not thread safe. */
final class JsonlSink implements ArchiveSink {
    private final ArchiveSettings settings;
    private final Map<String, RotatingLog> logs = new HashMap<>();

    JsonlSink(ArchiveSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(ArchiveRecord r) throws IOException {
        String line = r.toJsonLine();
        RotatingLog log = logs.computeIfAbsent(r.sat() + "/" + r.kind(),
                k -> new RotatingLog(settings, r.sat(), r.kind(), "jsonl"));
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
