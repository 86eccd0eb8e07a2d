package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.archive.CsvLine;
import io.sunsync.ground.archive.TimeBound;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.events.Severity;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.CommandHistory;
import io.sunsync.ground.store.EventQuery;
import io.sunsync.ground.store.FleetEntry;
import io.sunsync.ground.store.HkQuery;
import io.sunsync.ground.store.HkTable;
import io.sunsync.ground.store.JobHistory;
import io.sunsync.ground.store.QuarantinedFrame;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground archive query}: questions to an archive database, answered as a table, CSV or JSON. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Asks an archive database (SQLite or PostgreSQL) about the fleet's history and prints the answer as "
                + "a table, CSV or JSON lines:",
                "  hk        chosen housekeeping points of one satellite over a range (--sat, --fields), one row per frame",
                "  fleet     every satellite's newest frame at an instant (--at, --lookback)",
                "  events    events, filtered (--sat, --min-severity)",
                "  commands  each command with its verification reports and outcome (--sat)",
                "  jobs      each job's history and its downlinked result (--sat)",
                "  quarantine frames that failed the ICD, with the reason (by reception time)",
                "Times are ISO-8601 instants or spans back from the newest record (90s, 30m, 2h, 1d)."},
        footer = {"", "Examples:",
                "  sunsync ground archive query --db archive/archive.db --sat sat-001 --from 2h --fields power.socPct,control.budgetW",
                "  sunsync ground archive query --db postgresql://ops@db1/sunsync --sat sat-0042 --from 2027-06-21T00:00:00Z "
                        + "--to 2027-06-22T00:00:00Z --format csv > day.csv",
                "  sunsync ground archive query --what fleet --at 2027-06-21T12:00:00Z",
                "  sunsync ground archive query --what commands --sat sat-001 --from 1d",
                "  sunsync ground archive query --what quarantine --format json | jq .reason"})
public final class QueryCommand extends GroundCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEFAULT_FIELDS = List.of("mode", "power.socPct", "power.arrayW", "control.budgetW",
            "boards.enabled", "thermal.maxZoneC");

    @Mixin
    DbOptions db;

    @Option(names = "--what", defaultValue = "hk", paramLabel = "WHAT",
            description = "hk, fleet, events, commands, jobs or quarantine (default ${DEFAULT-VALUE}).")
    String what;

    @Option(names = {"-s", "--sat"}, paramLabel = "ID", description = "Satellite id (required for hk).")
    String sat;

    @Option(names = "--from", paramLabel = "WHEN", description = "Earliest time (default: the first record).")
    String from;

    @Option(names = "--to", paramLabel = "WHEN", description = "Latest time (default: the last record).")
    String to;

    @Option(names = {"-f", "--fields"}, split = ",", paramLabel = "PATH",
            description = "hk: points to show (default: mode, power.socPct, power.arrayW, control.budgetW, boards.enabled, thermal.maxZoneC).")
    List<String> fields;

    @Option(names = "--at", paramLabel = "WHEN", description = "fleet: the instant (default: now).")
    String at;

    @Option(names = "--lookback", defaultValue = "1h", paramLabel = "SPAN",
            description = "fleet: how old a satellite's newest frame may be to count (default ${DEFAULT-VALUE}).")
    String lookback;

    @Option(names = "--min-severity", defaultValue = "INFO", paramLabel = "LEVEL", description = "events: least severity (default ${DEFAULT-VALUE}).")
    Severity minSeverity;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (one object per line) (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--limit", defaultValue = "1000000", description = "Most rows (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new UsageException("--format must be table, csv or json, was '" + format + "'");
        }
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        if (!db.given(profile)) {
            throw new UsageException("no archive database: pass --db URL or set archive.db in the profile");
        }
        List<String> columns = new ArrayList<>();
        List<ObjectNode> rows = new ArrayList<>();
        try (ArchiveStore store = db.open(profile, environ, clock)) {
            switch (what) {
                case "hk" -> hk(store, columns, rows);
                case "fleet" -> fleet(store, columns, rows);
                case "events" -> events(store, columns, rows);
                case "commands" -> commands(store, columns, rows);
                case "jobs" -> jobs(store, columns, rows);
                case "quarantine" -> quarantine(store, columns, rows);
                default -> throw new UsageException("--what must be hk, fleet, events, commands, jobs or quarantine, was '" + what + "'");
            }
        }
        print(columns, rows);
        if (rows.isEmpty()) {
            err().println("archive query: nothing matched");
            err().flush();
            return ExitCode.NO_DATA;
        }
        return ExitCode.OK;
    }

    private TimeRange range(ArchiveStore store, String kind) throws StoreException {
        Instant newest = null;
        boolean spans = (from != null && TimeBound.isSpan(from)) || (to != null && TimeBound.isSpan(to));
        if (spans) {
            newest = store.newest(sat, kind).orElse(null);
            if (newest == null) {
                newest = clock.instant();
            }
        }
        return ArchiveRange.resolve(from, to, newest, TimeRange::new);
    }

    private void hk(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        if (sat == null) {
            throw new UsageException("--what hk needs --sat ID");
        }
        List<String> f = fields == null || fields.isEmpty() ? DEFAULT_FIELDS : fields;
        HkTable table = fromArguments(() -> store.housekeeping(new HkQuery(sat, range(store, "hk"), f, limit)));
        columns.addAll(List.of("t", "seq"));
        columns.addAll(f);
        for (HkTable.Row r : table.rows()) {
            ObjectNode o = JSON.createObjectNode();
            o.put("t", r.t().toString());
            o.put("seq", r.seq());
            for (int i = 0; i < f.size(); i++) {
                JsonNode v = r.values().get(i);
                o.set(f.get(i), v.isMissingNode() ? JsonNodeFactory.instance.nullNode() : v);
            }
            rows.add(o);
        }
    }

    private void fleet(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        if (!TimeBound.isSpan(lookback)) {
            throw new UsageException("--lookback must be a span (90s, 30m, 2h, 1d), was '" + lookback + "'");
        }
        Instant when = fromArguments(() -> at == null ? clock.instant() : TimeBound.parse(at, clock.instant()));
        Duration back = fromArguments(() -> Duration.between(TimeBound.parse(lookback, Instant.EPOCH.plusSeconds(1L << 40)),
                Instant.EPOCH.plusSeconds(1L << 40)));
        columns.addAll(List.of("sat", "t", "seq", "mode", "socPct", "budgetW", "boardsOn"));
        for (FleetEntry e : store.snapshot(when, back)) {
            ObjectNode o = JSON.createObjectNode();
            o.put("sat", e.sat());
            o.put("t", e.t().toString());
            o.put("seq", e.seq());
            o.put("mode", e.mode());
            putNumber(o, "socPct", e.socPct());
            putNumber(o, "budgetW", e.budgetW());
            o.put("boardsOn", e.boardsOn());
            rows.add(o);
        }
    }

    private void events(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        columns.addAll(List.of("t", "sat", "severity", "source", "code", "message", "data"));
        for (EventRecord e : store.events(new EventQuery(sat == null ? Set.of() : Set.of(sat), range(store, "evt"), minSeverity,
                Set.of(), Set.of(), limit))) {
            ObjectNode o = e.toJson();
            ObjectNode ordered = JSON.createObjectNode();
            for (String c : columns) {
                ordered.set(c, o.get(c));
            }
            rows.add(ordered);
        }
    }

    private void commands(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        columns.addAll(List.of("first", "sat", "seq", "name", "origin", "outcome", "reason", "stages", "last", "message"));
        for (CommandHistory c : store.commands(sat, range(store, "tc-ack"))) {
            ObjectNode o = JSON.createObjectNode();
            o.put("first", c.first().toString());
            o.put("sat", c.sat());
            o.put("seq", c.seq());
            o.put("name", c.name());
            o.put("origin", c.originKind() + (c.originId() == null ? "" : ":" + c.originId()));
            o.put("outcome", c.outcome());
            o.put("reason", c.reason());
            o.put("stages", String.join(">", c.stages().stream().map(CommandHistory.Stage::stage).toList()));
            o.put("last", c.last().toString());
            o.put("message", c.message());
            rows.add(o);
            if (rows.size() >= limit) {
                break;
            }
        }
    }

    private void jobs(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        columns.addAll(List.of("first", "sat", "job", "owner", "state", "reason", "starts", "workUnits", "energyUsedWh",
                "resultBytes", "downlinked", "last"));
        for (JobHistory j : store.jobs(sat, range(store, "evt"))) {
            ObjectNode o = JSON.createObjectNode();
            o.put("first", j.first().toString());
            o.put("sat", j.sat());
            o.put("job", j.jobId());
            o.put("owner", j.owner());
            o.put("state", j.state());
            o.put("reason", j.reason());
            o.put("starts", j.starts());
            putNumber(o, "workUnits", j.workUnits());
            putNumber(o, "energyUsedWh", j.energyUsedWh());
            if (j.resultBytes() >= 0) {
                o.put("resultBytes", j.resultBytes());
            } else {
                o.putNull("resultBytes");
            }
            o.put("downlinked", j.result() == null ? null : j.result().t().toString());
            o.put("last", j.last().toString());
            rows.add(o);
            if (rows.size() >= limit) {
                break;
            }
        }
    }

    private void quarantine(ArchiveStore store, List<String> columns, List<ObjectNode> rows) throws StoreException {
        columns.addAll(List.of("rx", "topic", "reason", "detail", "payload"));
        for (QuarantinedFrame q : store.quarantined(ArchiveRange.resolve(from, to, clock.instant(), TimeRange::new), limit)) {
            ObjectNode o = JSON.createObjectNode();
            o.put("rx", q.rx().toString());
            o.put("topic", q.topic());
            o.put("reason", q.reason().name());
            o.put("detail", q.detail());
            String text = q.payloadText();
            o.put("payload", text.length() > 200 ? text.substring(0, 200) + "…" : text);
            rows.add(o);
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private void print(List<String> columns, List<ObjectNode> rows) {
        switch (format) {
            case "json" -> rows.forEach(r -> out().println(r.toString()));
            case "csv" -> {
                out().println(CsvLine.format(columns));
                for (ObjectNode r : rows) {
                    out().println(CsvLine.format(columns.stream().map(c -> text(r.get(c))).toList()));
                }
            }
            default -> {
                int[] width = new int[columns.size()];
                List<List<String>> cells = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    width[i] = columns.get(i).length();
                }
                for (ObjectNode r : rows) {
                    List<String> line = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        String v = text(r.get(columns.get(i)));
                        v = v.length() > 60 ? v.substring(0, 59) + "…" : v;
                        width[i] = Math.max(width[i], v.length());
                        line.add(v);
                    }
                    cells.add(line);
                }
                out().println(line(columns, width));
                for (List<String> c : cells) {
                    out().println(line(c, width));
                }
            }
        }
        out().flush();
    }

    private static String line(List<String> values, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            sb.append(String.format(Locale.ROOT, "%-" + width[i] + "s", values.get(i)));
        }
        return sb.toString().stripTrailing();
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
