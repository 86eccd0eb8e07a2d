package io.sunsync.ground.cli;

import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.ingest.IngestLoop;
import io.sunsync.ground.ingest.IngestSettings;
import io.sunsync.ground.ingest.TeeWriter;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.StoreOptions;
import io.sunsync.ground.store.StoreStats;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.store.UpkeepReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground archive}: record telemetry and events to files or a database, query, export, upkeep. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Records telemetry, events, presence, command reports and result manifests to files (JSONL, CSV) "
                + "and/or an archive database (SQLite, or PostgreSQL for a fleet); queries, exports and keeps it.",
                "Databases are named by URL: sqlite:FILE (or FILE.db), postgresql://USER@HOST[:PORT]/DB."},
        subcommands = {ArchiveCommand.Record.class, QueryCommand.class, ExportCommand.class, ArchiveCommand.Upkeep.class,
                ArchiveCommand.Stats.class, CommandLine.HelpCommand.class})
public final class ArchiveCommand {

    /** {@code archive record}: a long-running recorder with a persistent session. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Records housekeeping, events, presence, command reports and result manifests of one or all "
                    + "satellites: to files DIR/SAT/KIND.DATE.WRITER.PART.jsonl (and .csv), rotated by day and --max-file-mb, "
                    + "and/or to an archive database (--db URL; --sqlite for DIR/archive.db).",
                    "Each message is checked against the ICD first: one that fails is kept in quarantine with the reason "
                            + "(the database's quarantine table, or DIR/quarantine.WRITER.jsonl), never dropped. Messages are "
                            + "stored in batches (--batch, --linger-ms), one transaction each, and acknowledged to the broker "
                            + "only after their batch is stored, over a persistent MQTT session (fixed client id, clean start "
                            + "off): nothing is lost while the recorder is down or if it is killed, and redelivered copies "
                            + "are recognised by (satellite, stream, sequence number) and dropped. If the database goes "
                            + "away the recorder stops acknowledging (the broker keeps the messages) and carries on when it is back.",
                    "Stop it with Ctrl-C or SIGTERM."},
            footer = {"", "Examples:",
                    "  sunsync ground archive record --dir /srv/sunsync/archive",
                    "  sunsync ground archive record --db postgresql://ingest@db1/sunsync --db-password-file ~/.config/sunsync/db.pw",
                    "  sunsync ground archive record --sat sat-001 --dir archive/ --sqlite --fsync",
                    "  sunsync ground archive record --group archivers --writer gs1   # one of several shared recorders"})
    public static final class Record extends ConnectedCommand {
        @Mixin
        ArchiveLocation archive;

        @Mixin
        SatelliteSelection sats;

        @Option(names = "--kinds", split = ",", defaultValue = "hk,evt,birth,tc-ack,result-manifest",
                description = "What to record: hk, evt, birth, tc-ack, result-manifest, dict (default ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--writer", defaultValue = "archive",
                description = "This recorder's name in file names and its MQTT client id (default ${DEFAULT-VALUE}).")
        String writer;

        @Option(names = "--group", paramLabel = "NAME",
                description = "Share the subscriptions with other recorders of this group (MQTT 5 $share/NAME/...): "
                        + "each message goes to one of them. Give each a different --writer.")
        String group;

        @Option(names = "--no-csv", negatable = false, description = "Files: write JSONL only.")
        boolean noCsv;

        @Option(names = "--sqlite", description = "Also write the SQLite archive DIR/archive.db (the same as --db sqlite:DIR/archive.db).")
        boolean sqlite;

        @Option(names = "--fsync", description = "Files: force each record to disk (survives a power cut; slower).")
        boolean fsync;

        @Option(names = "--max-file-mb", defaultValue = "64", description = "Files: rotate at this size, in MiB (default ${DEFAULT-VALUE}).")
        double maxFileMb;

        @Mixin
        IngestOptions ingestOptions = new IngestOptions(86_400);

        @Option(names = "--count", paramLabel = "N", description = "Stop after storing N records.")
        Long count;

        @Mixin
        DurationOption duration;

        @Option(names = "--report-every-s", defaultValue = "60", description = "Print counters every S seconds on stderr (default ${DEFAULT-VALUE}; 0: never).")
        double reportEveryS;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            DbOptions db = archive.db();
            Path root = sqlite ? archive.folderOrNull(profile) : archive.filesFolderOrNull(profile);
            if (root == null && !db.given(profile)) {
                throw new UsageException("nowhere to record: pass --dir DIR and/or --db URL (or set archive.dir or archive.db in the profile)");
            }
            if (sqlite && root == null) {
                throw new UsageException("--sqlite writes DIR/archive.db: pass --dir DIR too");
            }
            if (sqlite && db.db != null) {
                throw new UsageException("give --db URL or --sqlite, not both");
            }
            ArchiveSettings settings = fromArguments(() -> root == null ? null
                    : new ArchiveSettings(root, writer, (long) (maxFileMb * 1024 * 1024), !noCsv, fsync, 100_000));
            IngestSettings ingest = ingestOptions.settings();
            List<String> filters = filters(sats, kinds, group);
            ConnectSettings cs = persistentSettings(profile, "archive", writer, ingestOptions.sessionExpiryS());
            long end = duration.deadlineNanos();
            FrameCheck check = new FrameCheck(verifier(profile).forArchive());
            ArchiveStore store = sqlite ? StoreUrl.sqlite(root.resolve("archive.db")).open(StoreOptions.defaults().withClock(clock))
                    : db.open(profile, environ, clock, 2);
            try (StopSignal stop = StopSignal.onShutdown("archive"); ArchiveStore closeStore = store;
                 Archive files = settings == null ? null : new Archive(settings, clock);
                 GroundConnection conn = new GroundConnection(cs)) {
                conn.subscribe(filters);
                err().printf("archive: recording %s to %s as writer '%s'%n", String.join(" ", filters),
                        String.join(" and ", destinations(root, store)), writer);
                err().flush();
                IngestLoop loop = new IngestLoop(conn, check, TeeWriter.of(files, store), null, clock, ingest);
                if (count != null) {
                    loop.limitStored(count);
                }
                long[] nextReport = {System.nanoTime() + (long) (reportEveryS * 1e9)};
                loop.run(() -> stop.raised() || System.nanoTime() > end, () -> {
                    if (reportEveryS > 0 && System.nanoTime() > nextReport[0]) {
                        nextReport[0] = System.nanoTime() + (long) (reportEveryS * 1e9);
                        report(loop, files);
                    }
                });
                report(loop, files);
            }
            return unlessRefused(ExitCode.OK);
        }

        private static List<String> destinations(Path root, ArchiveStore store) {
            List<String> out = new ArrayList<>();
            if (root != null) {
                out.add(root.toString());
            }
            if (store != null) {
                out.add(store.location());
            }
            return out;
        }

        private void report(IngestLoop loop, Archive files) {
            err().printf("archive: %d stored, %d duplicates dropped, %d quarantined%s%s%n", loop.stored(), loop.duplicates(),
                    loop.quarantined(), files == null ? "" : ", " + files.repairedBytes() + " bytes of torn lines repaired",
                    loop.waitingForStore() ? "; WAITING for the archive database (" + loop.lastStoreFailure().getMessage()
                            + "), nothing acknowledged meanwhile" : "");
            err().flush();
        }
    }

    /** {@code archive upkeep}: partitions ahead of time and retention. */
    @Command(name = "upkeep", mixinStandardHelpOptions = true,
            description = {"Keeps an archive database in shape: makes the day partitions of the next --ahead-days days "
                    + "(PostgreSQL; ingest also makes a missing one on demand) and, with --retain-days, drops housekeeping "
                    + "and events of mission days older than that (whole partitions on PostgreSQL) and quarantined frames "
                    + "received before it. Command and job history are kept. Run it daily (a systemd timer or cron)."},
            footer = {"", "Examples:",
                    "  sunsync ground archive upkeep --db postgresql://ops@db1/sunsync --ahead-days 7 --retain-days 90",
                    "  sunsync ground archive upkeep --db archive/archive.db --retain-days 30"})
    public static final class Upkeep extends GroundCommand {
        @Mixin
        DbOptions db;

        @Option(names = "--ahead-days", defaultValue = "7", description = "Days of partitions to have ready from today (default ${DEFAULT-VALUE}).")
        int aheadDays;

        @Option(names = "--retain-days", paramLabel = "N", description = "Keep the last N mission days (default: keep everything).")
        Integer retainDays;

        @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The day to count from (default: today, UTC).")
        String today;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            if (!db.given(profile)) {
                throw new UsageException("no archive database: pass --db URL or set archive.db in the profile");
            }
            if (aheadDays < 0 || aheadDays > 366 || (retainDays != null && retainDays < 1)) {
                throw new UsageException("--ahead-days must be 0-366 and --retain-days at least 1");
            }
            LocalDate day;
            try {
                day = today == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : LocalDate.parse(today);
            } catch (DateTimeParseException e) {
                throw new UsageException("--today must be YYYY-MM-DD, was '" + today + "'");
            }
            try (ArchiveStore store = db.open(profile, environ, clock)) {
                UpkeepReport made = store.prepare(day, aheadDays);
                out().printf("archive upkeep: %s: %d partitions made%s%n", store.location(), made.created().size(),
                        made.created().isEmpty() ? "" : " " + made.created());
                if (retainDays != null) {
                    LocalDate keepFrom = day.minusDays(retainDays - 1L);
                    UpkeepReport r = store.retain(keepFrom);
                    out().printf("archive upkeep: kept from %s: %d partitions dropped%s, %d rows deleted%n", keepFrom,
                            r.dropped().size(), r.dropped().isEmpty() ? "" : " " + r.dropped(), r.rowsDeleted());
                }
                out().flush();
            }
            return ExitCode.OK;
        }
    }

    /** {@code archive stats}: what an archive database holds. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Shows what an archive database holds: rows per table, satellites, size, day partitions.",
            footer = {"", "Examples:", "  sunsync ground archive stats --db postgresql://ops@db1/sunsync",
                    "  sunsync ground archive stats --db archive/archive.db"})
    public static final class Stats extends GroundCommand {
        @Mixin
        DbOptions db;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            if (!db.given(profile)) {
                throw new UsageException("no archive database: pass --db URL or set archive.db in the profile");
            }
            try (ArchiveStore store = db.open(profile, environ, clock)) {
                StoreStats s = store.stats();
                out().printf(Locale.ROOT, "%s (%s)%n", s.location(), s.backend());
                s.rows().forEach((t, n) -> out().printf(Locale.ROOT, "  %-11s %,14d rows%n", t, n));
                out().printf(Locale.ROOT, "  satellites  %,14d%n  size        %,14.1f MB%n", s.satellites(), s.bytes() / 1e6);
                if (!s.partitions().isEmpty()) {
                    out().printf("  hk partitions: %d (%s … %s)%n", s.partitions().size(), s.partitions().get(0),
                            s.partitions().get(s.partitions().size() - 1));
                }
                out().flush();
            }
            return ExitCode.OK;
        }
    }

    /** The topic filters for these satellites and kinds, shared if {@code group} is set. */
    static List<String> filters(SatelliteSelection sats, List<String> kinds, String group) {
        List<String> out = new ArrayList<>();
        for (String sat : sats.topicLevels()) {
            for (String kind : kinds) {
                String sub = switch (kind) {
                    case "hk" -> "tm/hk";
                    case "evt" -> "evt";
                    case "birth" -> "birth";
                    case "tc-ack" -> "tc/ack/#";
                    case "dict" -> "dict";
                    case "result-manifest" -> "results/+/manifest";
                    default -> throw new GroundCommand.UsageException("unknown kind '" + kind
                            + "' (known: hk, evt, birth, tc-ack, result-manifest, dict)");
                };
                String filter = "sunsync/" + sat + "/" + sub;
                out.add(group == null ? filter : "$share/" + group + "/" + filter);
            }
        }
        return out;
    }
}
