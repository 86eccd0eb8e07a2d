package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sunsync.ground.command.CommandDefinition;
import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.auth.SessionStore;
import io.sunsync.ground.console.live.AlarmBook;
import io.sunsync.ground.console.live.RecentFrames;
import io.sunsync.ground.console.live.SatelliteSnapshot;
import io.sunsync.ground.console.push.ClientFeed;
import io.sunsync.ground.console.push.EventStream;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.events.Severity;
import io.sunsync.ground.plot.PlotPreset;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Limits;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.PointSpec;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the pages read: the fleet, one satellite (latest frame with its limits and units, chart
 * panels, its commands from the dictionary, recent values), events, alarms (and acknowledging
 * them), the command history, the feed counts, and the live event stream. Thread safe.
 */
final class LiveRoutes {
    /** At least this long between two messages to a page: at most 25 a second, each with everything that came. */
    static final long PAGE_INTERVAL_MS = 40;
    private final ConsoleServer.Parts parts;
    private final ConsoleSettings settings;
    private final Clock clock;

    LiveRoutes(ConsoleServer.Parts parts, ConsoleSettings settings, Clock clock) {
        this.parts = parts;
        this.settings = settings;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/api/fleet", this::fleet);
        r.get("/api/sats/{sat}", this::satellite);
        r.get("/api/sats/{sat}/recent", ctx -> Api.json(ctx, parts.recent().columns(Api.sat(ctx))));
        r.get("/api/events", this::events);
        r.get("/api/alarms", ctx -> Api.json(ctx, parts.alarms().list()));
        r.post("/api/alarms/{id}/ack", this::acknowledge);
        r.get("/api/commands", ctx -> Api.json(ctx, parts.history().list(optionalSat(ctx),
                Api.intParam(ctx, "limit", 200, 1, 2000))));
        r.get("/api/stats", this::stats);
        r.get("/api/stream", this::stream);
    }

    private void fleet(Context ctx) {
        StringBuilder sb = new StringBuilder("{\"serverMs\":").append(clock.millis()).append(",\"rows\":[");
        boolean first = true;
        for (SatelliteSnapshot s : parts.fleet().all()) {
            if (s.row() == null) {
                continue;
            }
            sb.append(first ? "" : ",").append(s.row());
            first = false;
        }
        Api.json(ctx, sb.append("]}").toString());
    }

    private void satellite(Context ctx) {
        String sat = Api.sat(ctx);
        SatelliteSnapshot s = parts.fleet().get(sat).orElseThrow(() ->
                new ApiError(404, "UNKNOWN_SATELLITE", "no satellite " + sat + " has been heard"));
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("sat", sat);
        o.put("presence", s.presence());
        o.set("birth", s.birth());
        o.set("hk", s.hk());
        o.set("levels", Api.JSON.valueToTree(s.levels()));
        o.put("rxMs", s.rxMs());
        o.put("liveRxMs", s.liveRxMs());
        o.put("liveFrames", s.liveFrames());
        o.put("serverMs", clock.millis());
        o.put("staleAfterS", settings.staleAfterS());
        PointCatalog c = s.catalog();
        Set<String> paths = new LinkedHashSet<>();
        if (s.hk() != null) {
            paths.addAll(JsonPaths.flatten(s.hk()).keySet());
        }
        RecentFrames.PANELS.forEach(p -> paths.addAll(p.points()));
        ObjectNode points = o.putObject("points");
        for (String p : paths) {
            points.set(p, point(c.spec(p)));
        }
        ArrayNode charts = o.putArray("charts");
        for (PlotPreset p : RecentFrames.PANELS) {
            ObjectNode ch = charts.addObject();
            ch.put("name", p.name().toLowerCase(Locale.ROOT));
            ch.put("title", p.title());
            p.points().forEach(ch.putArray("points")::add);
        }
        ArrayNode cmds = o.putArray("commands");
        if (s.dictionary() != null) {
            for (CommandDefinition d : s.dictionary().commands()) {
                ObjectNode c2 = cmds.addObject();
                c2.put("name", d.name());
                c2.put("description", d.description());
                c2.put("critical", d.critical());
                c2.put("criticalWhen", d.criticalWhen());
                d.modes().forEach(c2.putArray("modes")::add);
                c2.put("execution", d.execution());
                c2.set("args", d.args());
            }
        }
        Api.json(ctx, o);
    }

    private static ObjectNode point(PointSpec s) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("unit", s.unit());
        o.put("description", s.description());
        Limits l = s.limits();
        ObjectNode lim = o.putObject("limits");
        putLimit(lim, "alarmLow", l.alarmLow());
        putLimit(lim, "warnLow", l.warnLow());
        putLimit(lim, "warnHigh", l.warnHigh());
        putLimit(lim, "alarmHigh", l.alarmHigh());
        if (!s.states().isEmpty()) {
            ObjectNode st = o.putObject("states");
            s.states().forEach((k, v) -> st.put(k, v.name()));
        }
        return o;
    }

    private static void putLimit(ObjectNode o, String f, Double v) {
        if (v != null) {
            o.put(f, v);
        }
    }

    private void events(Context ctx) {
        Severity min;
        try {
            min = Severity.valueOf(ctx.queryParam("minSeverity") == null ? "INFO"
                    : ctx.queryParam("minSeverity").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "BAD_PARAMETER", "minSeverity must be INFO, LOW, MEDIUM or HIGH");
        }
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("nextId", parts.events().nextId());
        o.set("events", Api.JSON.valueToTree(parts.events().list(optionalSat(ctx), min,
                Api.intParam(ctx, "limit", 500, 1, 5000))));
        Api.json(ctx, o);
    }

    private void acknowledge(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "BAD_PARAMETER", "an alarm id is a number");
        }
        String user = Api.session(ctx).user();
        AlarmBook.Alarm a = parts.alarms().acknowledge(id, user, clock.millis()).orElseThrow(() ->
                new ApiError(404, "UNKNOWN_ALARM", "no alarm " + id + " (acknowledged and cleared already?)"));
        ObjectNode e = parts.audit().entry(user, "ALARM_ACK");
        e.put("remote", ctx.ip()).put("sat", a.sat()).put("alarm", id).put("subject", a.subject())
                .put("ackedBy", a.ackedBy());
        parts.audit().write(e);
        Api.json(ctx, Api.JSON.createObjectNode().put("id", id).put("ackedBy", a.ackedBy()).put("ackedMs", a.ackedMs()));
    }

    private void stats(Context ctx) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("serverMs", clock.millis());
        o.set("feeds", Api.JSON.valueToTree(parts.hub().stats()));
        o.set("link", parts.ingest().status());
        o.put("sessions", parts.sessions().size());
        o.put("resultsRefused", parts.results().refused());
        o.put("resultsIgnored", parts.results().ignored());
        Runtime rt = Runtime.getRuntime();
        o.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        Api.json(ctx, o);
    }

    private void stream(Context ctx) throws Exception {
        SessionStore.Session s = Api.session(ctx);
        boolean fleet = !"0".equals(ctx.queryParam("fleet"));
        String sat = ctx.queryParam("sat");
        if (sat != null && !sat.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiError(400, "BAD_SATELLITE", "'" + sat + "' is not a satellite id");
        }
        ClientFeed feed;
        try {
            feed = parts.hub().open(s.user(), fleet, sat, ctx.header("Last-Event-ID"));
        } catch (FeedHub.FullException e) {
            throw new ApiError(503, "FULL", e.getMessage());
        }
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream; charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-store");
            ctx.res().setHeader("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            feed.offer(io.sunsync.ground.console.push.Update.status("link", parts.ingest().status().toString()));
            new EventStream(feed, out, clock, () -> parts.sessions().peek(s.id()).isPresent(), 15_000, PAGE_INTERVAL_MS).run();
        } finally {
            parts.hub().close(feed);
        }
    }

    private static String optionalSat(Context ctx) {
        String sat = ctx.queryParam("sat");
        if (sat == null || sat.isBlank()) {
            return null;
        }
        if (!sat.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiError(400, "BAD_SATELLITE", "'" + sat + "' is not a satellite id");
        }
        return sat;
    }
}
