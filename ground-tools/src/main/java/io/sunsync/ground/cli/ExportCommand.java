package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.archive.CsvLine;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.telemetry.JsonPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground archive export}: one satellite's records over a time range, as CSV or JSONL. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports one satellite's archived records of one kind over a time range as CSV (flattened "
                + "dotted columns) or JSON lines, each record once (whichever recorder stored it), sorted by time, from "
                + "a file archive (--dir) or an archive database (--db).",
                "Times are ISO-8601 instants or spans back from the newest record (90s, 30m, 2h, 1d). Shows a "
                        + "progress bar on stderr when writing to a file."},
        footer = {"", "Examples:",
                "  sunsync ground archive export --sat sat-001 --from 2h -o last-2h.csv",
                "  sunsync ground archive export --sat sat-001 --points power.socPct,control.budgetW --from 2027-06-21T00:00:00Z --to 2027-06-21T06:00:00Z -o soc.csv",
                "  sunsync ground archive export --sat sat-001 --kind evt --format jsonl",
                "  sunsync ground archive export --db postgresql://ops@db1/sunsync --sat sat-0042 --from 1d -o day.csv"})
public final class ExportCommand extends GroundCommand {
    @Mixin
    ArchiveRange range;

    @Option(names = "--kind", defaultValue = "hk", description = "hk, evt, birth, tc-ack, result-manifest (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = {"-p", "--points"}, split = ",", paramLabel = "PATH", description = "Columns to export (CSV; default: all).")
    List<String> points;

    @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path outFile;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        if (!format.equals("csv") && !format.equals("jsonl")) {
            throw new UsageException("--format must be csv or jsonl, was '" + format + "'");
        }
        String sat = range.sat;
        List<ArchiveRecord> records;
        try (HistorySource source = range.source(profile, environ, clock)) {
            ArchiveRange.Bounds b = range.bounds(source, kind);
            if (b == null) {
                err().println("archive export: nothing archived for " + sat + " (" + kind + ") in " + source.describe());
                return ExitCode.NO_DATA;
            }
            long size = source.size(sat, kind);
            try (Progress bar = Progress.bytes(outFile != null && !noProgress && size > 0, "read " + sat, Math.max(1, size))) {
                records = source.read(sat, kind, b.from(), b.to(), bar::stepTo);
                bar.done();
            }
        }
        if (records.isEmpty()) {
            err().println("archive export: no " + kind + " records of " + sat + " in that range");
            return ExitCode.NO_DATA;
        }
        try (Writer w = outFile == null ? new NonClosing(out())
                : new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(outFile), StandardCharsets.UTF_8));
             Progress bar = Progress.bytes(outFile != null && !noProgress, "write " + sat, records.size())) {
            if (format.equals("jsonl")) {
                long i = 0;
                for (ArchiveRecord r : records) {
                    w.write(r.toJsonLine());
                    w.write('\n');
                    bar.stepTo(++i);
                }
            } else {
                writeCsv(w, records, bar);
            }
            bar.done();
        }
        if (outFile != null) {
            err().printf("archive export: %d records to %s%n", records.size(), outFile);
        }
        return ExitCode.OK;
    }

    private void writeCsv(Writer w, List<ArchiveRecord> records, Progress bar) throws IOException {
        List<String> columns = new ArrayList<>(List.of("rx", "sat", "seq", "t"));
        if (points != null && !points.isEmpty()) {
            columns.addAll(points);
        } else {
            LinkedHashSet<String> all = new LinkedHashSet<>();
            for (ArchiveRecord r : records) {
                all.addAll(JsonPaths.flatten(r.msg()).keySet());
            }
            all.removeAll(columns);
            columns.addAll(all);
        }
        w.write(CsvLine.format(columns));
        w.write('\n');
        long i = 0;
        for (ArchiveRecord r : records) {
            Map<String, JsonNode> flat = JsonPaths.flatten(r.msg());
            List<String> row = new ArrayList<>(columns.size());
            for (String c : columns) {
                row.add(switch (c) {
                    case "rx" -> r.rx().toString();
                    case "sat" -> r.sat();
                    case "seq" -> r.key().seq() < 0 ? "" : Long.toString(r.key().seq());
                    case "t" -> r.t() == null ? "" : r.t();
                    default -> {
                        JsonNode v = flat.get(c);
                        yield v == null || v.isNull() ? "" : v.asText();
                    }
                });
            }
            w.write(CsvLine.format(row));
            w.write('\n');
            bar.stepTo(++i);
        }
    }

    /** Writes to stdout without closing it. */
    private static final class NonClosing extends Writer {
        private final Writer w;

        NonClosing(Writer w) {
            this.w = w;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            w.write(cbuf, off, len);
        }

        @Override
        public void flush() throws IOException {
            w.flush();
        }

        @Override
        public void close() throws IOException {
            w.flush();
        }
    }
}
