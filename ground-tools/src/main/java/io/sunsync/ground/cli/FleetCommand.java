package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.fleet.FleetTable;
import io.sunsync.ground.fleet.IngestWorker;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.ingest.IngestSettings;
import io.sunsync.ground.ingest.TeeWriter;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.status.ConstellationState;
import io.sunsync.ground.status.SatelliteStatus;
import io.sunsync.ground.status.StatusJson;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground fleet}: the constellation, one line per satellite; {@code fleet ingest} scales out. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Shows the constellation, one line per satellite: presence, mode, state of charge, power "
                + "budget, boards, freshness and what is out of limits (from the retained presence and housekeeping "
                + "of every satellite, then live frames for --timeout-s).",
                "'fleet ingest' is the scale-out ingest worker (MQTT 5 shared subscriptions); 'fleet simulate' publishes "
                        + "a simulated fleet's housekeeping for testing a ground segment."},
        subcommands = {FleetCommand.Ingest.class, FleetCommand.Simulate.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sunsync ground fleet",
                "  sunsync ground fleet --watch --every-s 5 --sort level",
                "  sunsync ground fleet --problems --json",
                "  sunsync ground fleet ingest --group ingest --worker gs1-a --dir /srv/sunsync/archive"})
public final class FleetCommand extends ConnectedCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ListenWindow listen;

    @Option(names = "--watch", description = "Keep refreshing the view.")
    boolean watch;

    @Option(names = "--every-s", defaultValue = "2", description = "Refresh period with --watch, in s (default ${DEFAULT-VALUE}).")
    double everyS;

    @Option(names = "--stale-after-s", defaultValue = "5", description = "With --watch: no live frame for this long is stale, in s (default ${DEFAULT-VALUE}).")
    double staleAfterS;

    @Option(names = "--sort", defaultValue = "sat", description = "sat, soc or level (default ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--problems", description = "Only satellites that are stale, offline or outside limits.")
    boolean problems;

    @Option(names = "--json", description = "Print JSON (as status --json).")
    boolean json;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        PointCatalog catalog = PointCatalog.builtIn().withLimits(profile.profile().limits());
        Highlighter hl = highlighter();
        ConstellationState state = new ConstellationState(verifier(profile));
        try (GroundConnection conn = connect(profile, "fleet")) {
            conn.subscribe("sunsync/+/birth", "sunsync/+/tm/hk", "sunsync/+/dict");
            long end = listen.deadlineNanos();
            while (System.nanoTime() < end) {
                drain(conn, state, 50);
            }
            List<SatelliteStatus> shown = view(state, catalog, watch ? staleAfterS : listen.seconds());
            print(shown, catalog, hl);
            while (watch) {
                long next = System.nanoTime() + (long) (everyS * 1e9);
                while (System.nanoTime() < next) {
                    drain(conn, state, 50);
                }
                if (hl.colour()) {
                    out().print("\u001b[H\u001b[2J");
                }
                shown = view(state, catalog, staleAfterS);
                print(shown, catalog, hl);
            }
            if (state.satellites().isEmpty()) {
                err().println("fleet: no satellite heard on " + profile.profile().broker().url());
                return unlessRefused(ExitCode.NO_DATA);
            }
            List<SatelliteStatus> all = state.all(clock.instant(), catalog, listen.seconds());
            if (all.stream().anyMatch(SatelliteStatus::stale)) {
                return unlessRefused(ExitCode.STALE);
            }
            return unlessRefused(all.stream().anyMatch(s -> s.level() == Level.ALARM) ? ExitCode.LIMIT_ALARM : ExitCode.OK);
        }
    }

    private void drain(GroundConnection conn, ConstellationState state, long waitMs) throws InterruptedException {
        GroundConnection.Received r = conn.poll(waitMs);
        while (r != null) {
            state.accept(r, clock.instant());
            r = conn.poll(0);
        }
    }

    private List<SatelliteStatus> view(ConstellationState state, PointCatalog catalog, double staleS) {
        Instant now = clock.instant();
        List<SatelliteStatus> all = new ArrayList<>(state.all(now, catalog, staleS));
        if (problems) {
            all.removeIf(s -> !s.stale() && s.level() == Level.NOMINAL && "online".equals(s.presence()));
        }
        Comparator<SatelliteStatus> order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "sat" -> Comparator.comparing(SatelliteStatus::sat);
            case "soc" -> Comparator.comparingDouble((SatelliteStatus s) -> s.hk() == null ? Double.MAX_VALUE
                    : s.hk().path("power").path("socPct").asDouble(Double.MAX_VALUE)).thenComparing(SatelliteStatus::sat);
            case "level" -> Comparator.comparing((SatelliteStatus s) -> -s.level().ordinal())
                    .thenComparing(s -> !s.stale()).thenComparing(SatelliteStatus::sat);
            default -> throw new UsageException("--sort must be sat, soc or level, was '" + sort + "'");
        };
        all.sort(order);
        return all;
    }

    private void print(List<SatelliteStatus> shown, PointCatalog catalog, Highlighter hl) throws Exception {
        if (json) {
            out().println(JSON.writeValueAsString(StatusJson.render(shown, clock.instant())));
        } else {
            out().print(FleetTable.render(shown, catalog, hl, clock.instant()));
        }
        out().flush();
    }

    /** {@code fleet ingest}: one scale-out ingest worker. */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Runs one fleet ingest worker. Workers started with the same --group share the "
                    + "subscription $share/GROUP/sunsync/+/tm/hk (MQTT 5 shared subscriptions): the broker hands each "
                    + "frame to exactly one of them, so ingest scales out across processes and machines.",
                    "Each frame is checked against the ICD (a failing one goes to quarantine with the reason); frames are "
                            + "stored in batches, one transaction each, to the archive database (--db URL; PostgreSQL for a "
                            + "fleet) and/or files (--dir, under this worker's writer name), and acknowledged only after their "
                            + "batch is stored, on a persistent session (client id PREFIX-ingest-WORKER): a worker that dies "
                            + "loses nothing, and while the database is away the worker stops acknowledging and resumes when "
                            + "it is back. Counters go to stderr every --report-every-s."},
            footer = {"", "Examples:",
                    "  sunsync ground fleet ingest --group ingest --worker gs1-a --db postgresql://ingest@db1/sunsync",
                    "  sunsync ground fleet ingest --group ingest --worker gs2-a --dir /srv/sunsync/archive --events",
                    "See docs/operations.md for running workers against a clustered broker."})
    public static final class Ingest extends ConnectedCommand {
        @Option(names = "--group", defaultValue = "sunsync-ingest", description = "Shared subscription group (default ${DEFAULT-VALUE}).")
        String group;

        @Option(names = "--worker", required = true, description = "This worker's unique name (client id, archive writer).")
        String worker;

        @Mixin
        ArchiveLocation archive;

        @Option(names = "--events", description = "Ingest events too ($share/GROUP/sunsync/+/evt).")
        boolean events;

        @Option(names = "--telemetry-keys", paramLabel = "DIR",
                description = "Also trust the telemetry key files in DIR (*.tm-keys.json, one per satellite), besides the "
                        + "profile's satellites.ID.telemetryKeyFile. Frames that fail authentication are quarantined.")
        Path telemetryKeys;

        @Mixin
        IngestOptions ingestOptions = new IngestOptions(3600);

        @Mixin
        DurationOption duration;

        @Option(names = "--report-every-s", defaultValue = "10", description = "Counters on stderr every S seconds (default ${DEFAULT-VALUE}).")
        double reportEveryS;

        private TelemetryKeys keys(LoadedProfile profile) {
            return keysWithFolder(profile, telemetryKeys);
        }

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            keys(profile); // a bad key file is a usage error before anything starts
            Path root = archive.filesFolderOrNull(profile);
            ConnectSettings cs = persistentSettings(profile, "ingest", worker, ingestOptions.sessionExpiryS());
            IngestSettings ingest = ingestOptions.settings();
            Archive files = fromArguments(() -> root == null ? null : new Archive(ArchiveSettings.defaults(root, worker), clock));
            try (Archive closeFiles = files; ArchiveStore store = archive.db().open(profile, environ, clock, 2);
                 StopSignal stop = StopSignal.onShutdown("ingest");
                 IngestWorker w = new IngestWorker(worker, cs, IngestWorker.sharedFilters(group, events),
                         new FrameCheck(new TelemetryVerifier(keys(profile)).forArchive()), TeeWriter.of(files, store),
                         null, clock, ingest).start()) {
                err().printf("fleet ingest: worker %s in group %s%s%s%n", worker, group,
                        root == null ? "" : ", archive " + root, store == null ? "" : ", database " + store.location());
                err().flush();
                long end = duration.deadlineNanos();
                long last = 0;
                long lastT = System.nanoTime();
                while (!stop.raised() && System.nanoTime() < end && w.failure() == null) {
                    Thread.sleep(Math.max(50, Math.min(1000, (long) (reportEveryS * 1000))));
                    if (System.nanoTime() - lastT >= reportEveryS * 1e9) {
                        long n = w.ingested();
                        double rate = (n - last) / ((System.nanoTime() - lastT) / 1e9);
                        err().printf(Locale.ROOT, "fleet ingest %s: %d frames, %.0f frames/s, %d duplicates dropped, %d quarantined%s%n",
                                worker, n, rate, w.duplicates(), w.quarantined(), w.waitingForStore()
                                        ? "; WAITING for the archive database (" + w.lastStoreFailure().getMessage() + ")" : "");
                        err().flush();
                        last = n;
                        lastT = System.nanoTime();
                    }
                }
                if (w.failure() != null) {
                    err().println("fleet ingest: worker failed: " + w.failure());
                    return ExitCode.FAILURE;
                }
                err().printf("fleet ingest %s: %d frames, %d duplicates dropped, %d quarantined%n", worker, w.ingested(),
                        w.duplicates(), w.quarantined());
            }
            return ExitCode.OK;
        }
    }

    /** The profile's telemetry keys, and those in {@code dir} if given. */
    static TelemetryKeys keysWithFolder(LoadedProfile profile, Path dir) {
        TelemetryKeys keys = TelemetryKeys.fromProfile(profile);
        if (dir == null) {
            return keys;
        }
        try {
            return keys.plus(TelemetryKeys.readFolder(dir));
        } catch (java.io.IOException e) {
            throw new UsageException("--telemetry-keys " + dir + ": " + e.getMessage());
        }
    }

    /** {@code fleet simulate}: a simulated fleet's housekeeping on the broker, from this one process. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = {"Publishes the housekeeping of N simulated satellites from this one process, as their flight "
                    + "software would: ICD-valid frames (every section, each board's cap) on sunsync/SAT/tm/hk, QoS 1, with "
                    + "the outbox's stream and seq user properties, mission time = this machine's clock. For testing and "
                    + "sizing a ground segment (ingest workers, the archive database, the console) without a flight "
                    + "process per satellite.",
                    "Each satellite publishes at --rate-hz with its frames spread evenly over the period; --frames N instead "
                            + "publishes N frames per satellite as fast as the broker takes them."},
            footer = {"", "Examples:",
                    "  sunsync ground fleet simulate --satellites 1000 --rate-hz 1 --duration-s 600",
                    "  sunsync ground fleet simulate -b tcp://broker:1883 --satellites 200 --frames 100 --connections 4"})
    public static final class Simulate extends ConnectedCommand {
        @Option(names = "--satellites", defaultValue = "100", description = "Satellites sat-0001 … (default ${DEFAULT-VALUE}).")
        int satellites;

        @Option(names = "--rate-hz", defaultValue = "1", description = "Frames per second per satellite (default ${DEFAULT-VALUE}).")
        double rateHz;

        @Option(names = "--duration-s", defaultValue = "60", description = "How long to publish, in s (default ${DEFAULT-VALUE}).")
        double durationS;

        @Option(names = "--frames", paramLabel = "N", description = "Publish N frames per satellite as fast as possible instead.")
        Long frames;

        @Option(names = "--boards", defaultValue = "96", description = "Accelerator boards per satellite (default ${DEFAULT-VALUE}).")
        int boards;

        @Option(names = "--connections", defaultValue = "1", description = "MQTT connections to publish on (default ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--first-seq", defaultValue = "0", description = "Number of the first frame (default ${DEFAULT-VALUE}).")
        long firstSeq;

        @Option(names = "--telemetry-keys", paramLabel = "DIR",
                description = "Sign every frame as flight does with each satellite's telemetry key in DIR/SAT.tm-keys.json "
                        + "(made there, two keys, when missing); give the same DIR to fleet ingest. Without it frames "
                        + "go unsigned and a verifying ground refuses them.")
        Path telemetryKeys;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            List<String> fleet = fromArguments(() -> SimulatedHousekeeping.fleet(satellites));
            SimulatedHousekeeping hk = fromArguments(() -> new SimulatedHousekeeping(boards));
            if (connections < 1 || connections > 64) {
                throw new UsageException("--connections must be 1-64");
            }
            TelemetryKeys signing = null;
            if (telemetryKeys != null) {
                try {
                    java.nio.file.Files.createDirectories(telemetryKeys);
                    for (String sat : fleet) {
                        Path f = telemetryKeys.resolve(sat + ".tm-keys.json");
                        if (!java.nio.file.Files.exists(f)) {
                            io.sunsync.ground.tc.CommandKeyFile.generate(f, sat, 2);
                        }
                    }
                    signing = TelemetryKeys.readFolder(telemetryKeys);
                } catch (java.io.IOException e) {
                    throw new UsageException("--telemetry-keys " + telemetryKeys + ": " + e.getMessage());
                }
            }
            ConnectSettings cs = settings(profile, "fleetsim");
            String url = cs.brokerUrl();
            long start = System.nanoTime();
            long n;
            try (StopSignal stop = StopSignal.onShutdown("simulate");
                 FleetPublisher pub = new FleetPublisher(url, profile.profile().broker().clientIdPrefix() + "-fleetsim-"
                         + GroundConnection.randomClientId("p"), fleet, hk, connections, o -> {
                             if (cs.username() != null) {
                                 o.setUserName(cs.username());
                             }
                             if (cs.password() != null) {
                                 o.setPassword(cs.password().utf8());
                             }
                             if (cs.socketFactory() != null) {
                                 o.setSocketFactory(cs.socketFactory());
                             }
                         })) {
                err().printf(Locale.ROOT, "fleet simulate: %d satellites (%s … %s) on %s%n", satellites, fleet.get(0),
                        fleet.get(fleet.size() - 1), url);
                err().flush();
                if (signing != null) {
                    pub.signedWith(signing, 1);
                }
                n = fromArguments(() -> frames != null ? pub.runAsFastAsPossible(frames, firstSeq, clock.instant())
                        : pub.runAtRate(rateHz, Duration.ofMillis((long) (durationS * 1000)), firstSeq, clock, stop::raised));
                double s = (System.nanoTime() - start) / 1e9;
                err().printf(Locale.ROOT, "fleet simulate: %d frames published, %d acknowledged by the broker, %.0f frames/s%s%n",
                        n, pub.acked(), n / s, frames != null ? "" : String.format(Locale.ROOT, ", latest %.1f ms behind schedule",
                                pub.maxLateMs()));
                err().flush();
            }
            return ExitCode.OK;
        }
    }
}
