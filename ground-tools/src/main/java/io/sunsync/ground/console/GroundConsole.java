package io.sunsync.ground.console;

import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.console.auth.LoginThrottle;
import io.sunsync.ground.console.auth.SessionStore;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.console.command.AuditLog;
import io.sunsync.ground.console.command.CommandBoard;
import io.sunsync.ground.console.command.CommandDesk;
import io.sunsync.ground.console.jobs.JobBoard;
import io.sunsync.ground.console.jobs.ResultShelf;
import io.sunsync.ground.console.live.AlarmBook;
import io.sunsync.ground.console.live.EventLog;
import io.sunsync.ground.console.live.FleetState;
import io.sunsync.ground.console.live.RecentFrames;
import io.sunsync.ground.console.live.TelemetryGate;
import io.sunsync.ground.console.live.TelemetryIngest;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.web.ConsoleServer;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.telemetry.PointCatalog;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The console's composition root: builds its parts in order (push hub, fleet state, events,
 * alarms, command history, job board, ingest, result shelf, command desk, web server, and the
 * archive recording when asked), starts them, and stops them in reverse. {@code sunsync ground console} and {@code sunsync demo
 * --console} run one.
 *
 * <p>Threading: start and close from one thread; the parts run threads of their own.
 */
public final class GroundConsole implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final ConsoleServer server;
    private final TelemetryIngest ingest;
    private final FeedHub hub;

    private GroundConsole(ConsoleSettings s, LoadedProfile profile, Function<String, ConnectSettings> connections,
                          TelemetryGate gate, ArchiveStore archive, boolean record, Clock clock) throws IOException {
        UsersFile users = UsersFile.read(s.usersFile());
        hub = new FeedHub(s.maxPages(), s.pageQueue());
        AlarmBook alarms = new AlarmBook(5_000, hub);
        RecentFrames recent = new RecentFrames(600, 64, Duration.ofMinutes(10).toMillis(), clock);
        FleetState fleet = new FleetState(PointCatalog.builtIn(), profile.profile().limits(), hub, alarms, recent,
                s.maxSatellites());
        EventLog events = new EventLog(5_000, hub);
        CommandBoard history = new CommandBoard(2_000, hub);
        JobBoard jobs = new JobBoard(5_000, hub);
        AuditLog audit = new AuditLog(s.auditLog(), clock);
        parts.add(audit);
        ingest = new TelemetryIngest(connections.apply("console"), gate, fleet, events, alarms, history, jobs, hub, clock);
        String prefix = profile.profile().broker().clientIdPrefix();
        ResultShelf results = new ResultShelf(connections.apply("console-results")
                .withClientId(prefix + "-console-results").persistent(Duration.ofDays(7).toSeconds()), gate,
                s.resultsDir(), hub, clock, 64);
        CommandDesk desk = new CommandDesk(() -> connections.apply("console-tc"), profile, new SequenceCounter(s.stateDir()),
                history, audit, fleet, clock, new CommandDesk.Timing(s.commandValid(), s.commandTimeout(),
                Duration.ofSeconds(5), Duration.ofMinutes(5)));
        SessionStore sessions = new SessionStore(clock, s.sessionIdle(), s.sessionMaxAge(), 1_000);
        server = new ConsoleServer(s, new ConsoleServer.Parts(users, sessions, new LoginThrottle(clock, 10_000), hub,
                fleet, recent, events, alarms, history, jobs, results, desk, audit, ingest, archive), clock);
        if (archive != null && record) {
            ArchiveRecording recording = new ArchiveRecording(connections.apply("console-archive")
                    .withClientId(prefix + "-console-archive").persistent(Duration.ofDays(1).toSeconds()), archive,
                    gate.archiveVerifier(), clock);
            recording.start();
            parts.add(recording);
        }
        ingest.start();
        parts.add(ingest);
        results.start();
        parts.add(results);
        parts.add(desk);
        server.start();
        parts.add(server);
    }

    /**
     * Builds and starts a console.
     *
     * @param connections MQTT connection settings for a purpose ({@code console}, {@code console-tc},
     *                    {@code console-results}, {@code console-archive}), each call with a fresh client id
     * @param gate        what every message from the satellites passes first
     * @param archive     the archive history is read from (the caller closes it after the console), or null
     * @param record      also record into {@code archive}, as {@code archive record} would
     */
    public static GroundConsole start(ConsoleSettings s, LoadedProfile profile, Function<String, ConnectSettings> connections,
                                      TelemetryGate gate, ArchiveStore archive, boolean record, Clock clock)
            throws IOException {
        return new GroundConsole(s, profile, connections, gate, archive, record, clock);
    }

    /** The address to open in a browser. */
    public URI url() {
        return server.url();
    }

    /** The ingest (its state, e.g. whether the broker is up). */
    public TelemetryIngest ingest() {
        return ingest;
    }

    /** The pages' feeds (their counts). */
    public FeedHub hub() {
        return hub;
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
