package io.sunsync.ground.archive;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.telemetry.JsonPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archive records as CSV ({@link CsvLine}'s dialect), one file series per (satellite, kind). Housekeeping is
 * flattened to dotted columns ({@code power.socPct}); other kinds get their top-level fields,
 * nested objects as JSON text. Columns are fixed per file: a record with a new column starts
 * the next part with the wider header; a part whose header cannot be read is left as it is and
 * the record goes to the next. A line break inside a value is written as {@code \n}, so every
 * record is one line (which is what lets a torn last line be found and cut after a crash). Not
 * thread safe.
 */
final class CsvSink implements ArchiveSink {
    private static final Logger LOG = LoggerFactory.getLogger(CsvSink.class);
    private final ArchiveSettings settings;
    private final Map<String, Series> series = new HashMap<>();

    private static final class Series {
        final RotatingLog log;
        List<String> columns;
        AppendFile headerOf;

        Series(RotatingLog log) {
            this.log = log;
        }
    }

    CsvSink(ArchiveSettings settings) {
        this.settings = settings;
    }

    @Override
    public void write(ArchiveRecord r) throws IOException {
        Map<String, String> row = row(r);
        Series s = series.computeIfAbsent(r.sat() + "/" + r.kind(),
                k -> new Series(new RotatingLog(settings, r.sat(), r.kind(), "csv")));
        AppendFile f = s.log.fileFor(r.rx().atZone(ZoneOffset.UTC).toLocalDate(), estimate(row));
        if (f != s.headerOf) {
            s.columns = f.size() == 0 ? null : readHeader(f.path());
            while (f.size() > 0 && s.columns == null) {
                // A part whose header cannot be read is left as it is; the record goes to the next part.
                f = s.log.rotate();
                s.columns = f.size() == 0 ? null : readHeader(f.path());
            }
            s.headerOf = f;
        }
        if (s.columns != null && !s.columns.containsAll(row.keySet())) {
            LinkedHashSet<String> wider = new LinkedHashSet<>(s.columns);
            wider.addAll(row.keySet());
            f = s.log.rotate();
            s.headerOf = f;
            s.columns = new ArrayList<>(wider);
            f.appendLine(CsvLine.format(s.columns));
        } else if (s.columns == null) {
            s.columns = new ArrayList<>(row.keySet());
            f.appendLine(CsvLine.format(s.columns));
        }
        List<String> values = new ArrayList<>(s.columns.size());
        for (String c : s.columns) {
            values.add(row.getOrDefault(c, ""));
        }
        f.appendLine(CsvLine.format(values));
    }

    /** The row of {@code r}: column name to text. */
    static Map<String, String> row(ArchiveRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("rx", r.rx().toString());
        row.put("sat", r.sat());
        row.put("seq", r.key().seq() < 0 ? "" : Long.toString(r.key().seq()));
        if (r.kind().equals("hk")) {
            JsonPaths.flatten(r.msg()).forEach((k, v) -> row.putIfAbsent(k, v.isNull() ? "" : v.asText()));
        } else if (r.msg().isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = r.msg().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                row.putIfAbsent(e.getKey(), v.isContainerNode() ? v.toString() : v.isNull() ? "" : v.asText());
            }
        } else {
            row.put("msg", r.msg().asText());
        }
        return row;
    }

    private static long estimate(Map<String, String> row) {
        long n = 0;
        for (String v : row.values()) {
            n += v.length() + 3;
        }
        return n;
    }

    /** The columns of {@code file}'s header, or null if it has none that can be read. */
    private static List<String> readHeader(Path file) throws IOException {
        String first;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.readLine();
        }
        if (first == null || first.isEmpty()) {
            return null;
        }
        try {
            return CsvLine.parse(first);
        } catch (JacksonException e) {
            LOG.warn("{}: the CSV header cannot be read ({}); the next record starts a new part", file, e.getOriginalMessage());
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        for (Series s : series.values()) {
            s.log.close();
        }
    }
}
