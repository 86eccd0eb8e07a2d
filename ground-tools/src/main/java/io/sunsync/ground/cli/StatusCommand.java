package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.status.ConstellationState;
import io.sunsync.ground.status.SatelliteStatus;
import io.sunsync.ground.status.StatusJson;
import io.sunsync.ground.status.StatusTable;
import io.sunsync.ground.telemetry.Highlighter;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync ground status}: presence, housekeeping, freshness and limits of one or all satellites. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each satellite's presence, mode, power budget, battery, temperatures, boards, jobs, "
                + "link state and staleness, with values outside their limits highlighted.",
                "Listens for --timeout-s: a satellite that sends no live frame in that time is STALE (the frame shown "
                        + "is then the broker's retained copy).",
                "Only telemetry whose MAC verifies under the satellite's telemetry key (satellites.ID.telemetryKeyFile "
                        + "in the profile) is shown; forged, replayed, unsigned or uncheckable messages are counted, "
                        + "flagged, and make the exit code 8."},
        footer = {"", "Examples:",
                "  sunsync ground status --sat sat-001",
                "  sunsync ground status                       # every satellite heard",
                "  sunsync ground status --json | jq '.satellites[] | {sat, level, stale}'",
                "  sunsync ground status --profile ops.yaml --show-config"})
public final class StatusCommand extends ConnectedCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    SatelliteSelection sats;

    @Mixin
    ListenWindow listen;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        double timeoutS = listen.seconds();
        if (!(timeoutS > 0)) {
            throw new UsageException("--timeout-s must be > 0");
        }
        ConstellationState state = new ConstellationState(verifier(profile));
        try (GroundConnection conn = connect(profile, "status")) {
            List<String> filters = new ArrayList<>();
            for (String s : sats.topicLevels()) {
                filters.add("sunsync/" + s + "/birth");
                filters.add("sunsync/" + s + "/tm/hk");
                filters.add("sunsync/" + s + "/dict");
            }
            conn.subscribe(filters);
            long deadline = listen.deadlineNanos();
            while (System.nanoTime() < deadline) {
                GroundConnection.Received r = conn.poll(50);
                if (r != null) {
                    state.accept(r, clock.instant());
                }
                if (!sats.ids().isEmpty() && sats.ids().stream().allMatch(s -> state.hasLiveFrame(s) && state.hasFrameAndBirth(s))) {
                    break;
                }
            }
        }
        Instant now = clock.instant();
        PointCatalog catalog = PointCatalog.builtIn().withLimits(profile.profile().limits());
        List<String> ids = sats.ids().isEmpty() ? new ArrayList<>(state.satellites()) : sats.ids();
        List<SatelliteStatus> statuses = new ArrayList<>();
        for (String id : ids) {
            statuses.add(state.status(id, now, catalog, timeoutS));
        }
        if (json) {
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(StatusJson.render(statuses, now)));
        } else {
            Highlighter hl = highlighter();
            for (SatelliteStatus s : statuses) {
                out().print(StatusTable.render(s, catalog, hl, now));
                out().println();
            }
        }
        out().flush();
        List<SatelliteStatus> refused = statuses.stream().filter(s -> s.refusedTotal() > 0).toList();
        if (!refused.isEmpty()) {
            for (SatelliteStatus s : refused) {
                err().println("status: " + s.sat() + ": " + s.refusedTotal() + " message(s) failed telemetry authentication "
                        + s.refused() + " and were not shown" + (s.lastRefusal() == null ? "" : "; last: " + s.lastRefusal()));
            }
            return ExitCode.UNAUTHENTIC;
        }
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s.hk() == null)) {
            err().println("status: " + (statuses.isEmpty() ? "no satellite heard" : "no housekeeping from "
                    + statuses.stream().filter(s -> s.hk() == null).map(SatelliteStatus::sat).toList())
                    + " on " + profile.profile().broker().url() + " within " + timeoutS + " s");
            return ExitCode.NO_DATA;
        }
        if (statuses.stream().anyMatch(SatelliteStatus::stale)) {
            return ExitCode.STALE;
        }
        if (statuses.stream().anyMatch(s -> s.level() == Level.ALARM)) {
            return ExitCode.LIMIT_ALARM;
        }
        return ExitCode.OK;
    }
}
