package io.sunsync.ground.cli;

import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.archive.Recorder;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sunsync ground archive}: record telemetry and events to files, and export them. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Records telemetry and events to files (JSONL, CSV, optionally SQLite) and exports them.",
        subcommands = {ArchiveCommand.Record.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class ArchiveCommand {

    /** The archive folder: {@code --dir}, else the profile's {@code archive.dir}. */
    static Path archiveDir(Path dir, LoadedProfile profile) {
        if (dir != null) {
            return dir;
        }
        if (profile.profile().archive() != null) {
            return profile.resolve(profile.profile().archive().dir());
        }
        throw new GroundCommand.UsageException("no archive folder: pass --dir DIR or set archive.dir in the profile");
    }

    /** {@code archive record}: a long-running recorder with a persistent session. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Records housekeeping, events, presence and command reports of one or all satellites to "
                    + "DIR/SAT/KIND.DATE.WRITER.PART.jsonl (and .csv), rotated by day and --max-file-mb.",
                    "Each record is written before the broker is acknowledged, over a persistent MQTT session (fixed "
                            + "client id, clean start off), so nothing is lost while the recorder is down or if it is "
                            + "killed; redelivered copies are recognised by (satellite, stream, sequence number) and "
                            + "dropped, and a torn last line left by a kill is cut off on restart.",
                    "Stop it with Ctrl-C or SIGTERM."},
            footer = {"", "Examples:",
                    "  sunsync ground archive record --dir /srv/sunsync/archive",
                    "  sunsync ground archive record --sat sat-001 --sqlite --fsync",
                    "  sunsync ground archive record --group archivers --writer gs1   # one of several shared recorders"})
    public static final class Record extends ConnectedCommand {
        @Option(names = {"-d", "--dir"}, paramLabel = "DIR", description = "Archive folder (default: the profile's archive.dir).")
        Path dir;

        @Option(names = {"-s", "--sat"}, paramLabel = "ID", description = "Satellite id; repeat for several (default: all).")
        List<String> sats = new ArrayList<>();

        @Option(names = "--kinds", split = ",", defaultValue = "hk,evt,birth,tc-ack",
                description = "What to record: hk, evt, birth, tc-ack, dict (default ${DEFAULT-VALUE}).")
        List<String> kinds;

        @Option(names = "--writer", defaultValue = "archive",
                description = "This recorder's name in file names and its MQTT client id (default ${DEFAULT-VALUE}).")
        String writer;

        @Option(names = "--group", paramLabel = "NAME",
                description = "Share the subscriptions with other recorders of this group (MQTT 5 $share/NAME/...): "
                        + "each message goes to one of them. Give each a different --writer.")
        String group;

        @Option(names = "--no-csv", negatable = false, description = "Write JSONL only.")
        boolean noCsv;

        @Option(names = "--sqlite", description = "Also write DIR/archive.db (SQLite).")
        boolean sqlite;

        @Option(names = "--fsync", description = "Force each record to disk (survives a power cut; slower).")
        boolean fsync;

        @Option(names = "--max-file-mb", defaultValue = "64", description = "Rotate files at this size, in MiB (default ${DEFAULT-VALUE}).")
        double maxFileMb;

        @Option(names = "--session-expiry-s", defaultValue = "86400",
                description = "How long the broker keeps messages for this recorder while it is down, in s (default ${DEFAULT-VALUE}).")
        long sessionExpiryS;

        @Option(names = "--count", paramLabel = "N", description = "Stop after storing N records.")
        Long count;

        @Option(names = "--duration-s", paramLabel = "S", description = "Stop after S seconds.")
        Double durationS;

        @Option(names = "--report-every-s", defaultValue = "60", description = "Print counters every S seconds on stderr (default ${DEFAULT-VALUE}; 0: never).")
        double reportEveryS;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            Path root = archiveDir(dir, profile);
            ArchiveSettings settings;
            try {
                settings = new ArchiveSettings(root, writer, (long) (maxFileMb * 1024 * 1024), !noCsv, sqlite, fsync, 100_000);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            List<String> filters = filters(sats, kinds, group);
            ConnectSettings cs = settings(profile, "archive")
                    .withClientId(profile.profile().broker().clientIdPrefix() + "-archive-" + writer)
                    .persistent(sessionExpiryS);
            long end = durationS == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationS * 1e9);
            try (StopSignal stop = StopSignal.onShutdown("archive"); Archive archive = new Archive(settings, clock);
                 GroundConnection conn = new GroundConnection(cs)) {
                conn.subscribe(filters);
                err().printf("archive: recording %s to %s as writer '%s'%n", String.join(" ", filters), root, writer);
                err().flush();
                long[] nextReport = {System.nanoTime() + (long) (reportEveryS * 1e9)};
                new Recorder(conn, archive).run(() -> stop.raised() || System.nanoTime() > end,
                        count == null ? Long.MAX_VALUE : count, () -> {
                            if (reportEveryS > 0 && System.nanoTime() > nextReport[0]) {
                                nextReport[0] = System.nanoTime() + (long) (reportEveryS * 1e9);
                                report(archive);
                            }
                        });
                report(archive);
            }
            return ExitCode.OK;
        }

        private void report(Archive a) {
            err().printf("archive: %d stored, %d duplicates dropped, %d bytes of torn lines repaired%n",
                    a.stored(), a.duplicates(), a.repairedBytes());
            err().flush();
        }
    }

    /** The topic filters for these satellites and kinds, shared if {@code group} is set. */
    static List<String> filters(List<String> sats, List<String> kinds, String group) {
        List<String> out = new ArrayList<>();
        for (String sat : sats.isEmpty() ? List.of("+") : sats) {
            for (String kind : kinds) {
                String sub = switch (kind) {
                    case "hk" -> "tm/hk";
                    case "evt" -> "evt";
                    case "birth" -> "birth";
                    case "tc-ack" -> "tc/ack/#";
                    case "dict" -> "dict";
                    default -> throw new GroundCommand.UsageException("unknown kind '" + kind
                            + "' (known: hk, evt, birth, tc-ack, dict)");
                };
                String filter = "sunsync/" + sat + "/" + sub;
                out.add(group == null ? filter : "$share/" + group + "/" + filter);
            }
        }
        return out;
    }
}
