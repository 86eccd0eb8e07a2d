package io.sunsync.ground.cli;

import io.sunsync.ground.archive.TimeBound;
import io.sunsync.ground.events.EventFilter;
import io.sunsync.ground.events.EventLine;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.events.Severity;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.telemetry.Highlighter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sunsync ground events}: on-board events, filtered by severity, from the archive and live. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Shows on-board events (sunsync/{sat}/evt): MEDIUM highlighted as a warning, HIGH as an alarm.",
                "--since reads past events from the archive (events are not retained by the broker); --follow "
                        + "then keeps listening. Without --since, events are followed live.",
                "--since takes an instant or a span back from the newest archived event (90s, 30m, 2h, 1d)."},
        footer = {"", "Examples:",
                "  sunsync ground events --min-severity MEDIUM",
                "  sunsync ground events --sat sat-001 --since 2h --follow",
                "  sunsync ground events --source fdir --json | jq .code"})
public final class EventsCommand extends ConnectedCommand {
    @picocli.CommandLine.Mixin
    SatelliteSelection sats;

    @Option(names = "--min-severity", defaultValue = "INFO", paramLabel = "LEVEL",
            description = "Least severity shown: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Severity minSeverity;

    @Option(names = "--source", paramLabel = "NAME", description = "Only events from this component; repeatable.")
    Set<String> sources = new HashSet<>();

    @Option(names = "--code", paramLabel = "CODE", description = "Only events with this code; repeatable.")
    Set<String> codes = new HashSet<>();

    @Option(names = "--since", paramLabel = "WHEN", description = "Show archived events from this time on first.")
    String since;

    @Option(names = {"-f", "--follow"}, description = "Keep listening for live events (the default without --since).")
    boolean follow;

    @picocli.CommandLine.Mixin
    ArchiveLocation archive;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events shown.")
    Long count;

    @picocli.CommandLine.Mixin
    DurationOption duration;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        Highlighter hl = highlighter();
        long shown = 0;
        Instant sinceT = null;
        if (since != null) {
            EventFilter filter;
            List<EventRecord> past;
            try (HistorySource source = archive.source(profile, environ, clock)) {
                Instant newest = source.newestEvent(Set.copyOf(sats.ids()));
                sinceT = fromArguments(() -> newest == null && TimeBound.isSpan(since) ? Instant.MAX : TimeBound.parse(since, newest));
                filter = new EventFilter(minSeverity, sources, codes, sinceT);
                past = sinceT.equals(Instant.MAX) ? List.of()
                        : source.events(Set.copyOf(sats.ids()), filter, count == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, count));
            }
            for (EventRecord e : past) {
                if (count != null && shown >= count) {
                    break;
                }
                print(e, hl);
                shown++;
            }
            if (!follow) {
                return ExitCode.OK;
            }
        }
        EventFilter live = new EventFilter(minSeverity, sources, codes, null);
        verifier(profile);
        try (GroundConnection conn = connect(profile, "events")) {
            List<String> filters = new ArrayList<>();
            for (String s : sats.topicLevels()) {
                filters.add("sunsync/" + s + "/evt");
            }
            conn.subscribe(filters);
            if (!json) {
                err().println("events: following " + String.join(" ", filters) + " (min severity " + minSeverity
                        + "); Ctrl-C to stop");
                err().flush();
            }
            long end = duration.deadlineNanos();
            while (System.nanoTime() < end && (count == null || shown < count)) {
                GroundConnection.Received r = conn.poll(100);
                if (r == null || !authentic(profile, r)) {
                    continue;
                }
                EventRecord e;
                try {
                    e = EventRecord.parse(r.sat(), r.json());
                } catch (IllegalArgumentException bad) {
                    err().println("events: ignored a malformed event on " + r.topic() + ": " + bad.getMessage());
                    continue;
                }
                if (live.accepts(e)) {
                    print(e, hl);
                    shown++;
                }
            }
        }
        return unlessRefused(ExitCode.OK);
    }

    private void print(EventRecord e, Highlighter hl) {
        out().println(json ? e.toJson().toString() : EventLine.format(e, hl));
        out().flush();
    }
}
