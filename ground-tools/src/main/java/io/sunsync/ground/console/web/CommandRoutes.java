package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sunsync.ground.console.command.ArmedCommand;
import io.sunsync.ground.console.command.CommandDesk;
import io.sunsync.ground.console.command.DeskException;

/**
 * Commanding from the page: dry run (the exact signed payload, nothing sent), send, and the
 * three steps of a critical command (arm; execute with the satellite's id typed as the
 * confirmation; or decline). Requests carry {@code {"name", "args": {...}}} with typed values;
 * the desk checks them against the dictionary before anything is sent. Thread safe.
 */
final class CommandRoutes {
    private final ConsoleServer.Parts parts;

    CommandRoutes(ConsoleServer.Parts parts) {
        this.parts = parts;
    }

    void register(RoutesConfig r) {
        r.post("/api/sats/{sat}/commands/dry-run", this::dryRun);
        r.post("/api/sats/{sat}/commands/arm", this::arm);
        r.post("/api/sats/{sat}/commands/execute", this::execute);
        r.post("/api/sats/{sat}/commands/decline", this::decline);
        r.post("/api/sats/{sat}/commands", this::send);
    }

    private static ObjectNode args(ObjectNode body) {
        JsonNode a = body.path("args");
        if (a.isMissingNode() || a.isNull()) {
            return Api.JSON.createObjectNode();
        }
        if (!a.isObject()) {
            throw new ApiError(400, "BAD_ARGUMENT", "args must be a JSON object");
        }
        return (ObjectNode) a;
    }

    private void dryRun(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        Api.json(ctx, parts.desk().dryRun(Api.operator(ctx), Api.sat(ctx), Api.text(body, "name"), args(body)));
    }

    private void send(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        CommandDesk.Sent s = parts.desk().send(Api.operator(ctx), Api.sat(ctx), Api.text(body, "name"), args(body), r -> {
        });
        ctx.status(202);
        Api.json(ctx, sent(s));
    }

    private void arm(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        ArmedCommand a = parts.desk().arm(Api.operator(ctx), Api.sat(ctx), Api.text(body, "name"), args(body));
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("armId", a.id());
        o.put("sat", a.sat());
        o.put("name", a.name());
        o.set("args", a.args());
        o.put("expires", a.expires());
        Api.json(ctx, o);
    }

    private void execute(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        CommandDesk.Sent s = parts.desk().execute(Api.operator(ctx), Api.sat(ctx), Api.text(body, "armId"),
                body.path("confirm").asText(""));
        ctx.status(202);
        Api.json(ctx, sent(s));
    }

    private void decline(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        parts.desk().decline(Api.operator(ctx), Api.sat(ctx), Api.text(body, "armId"));
        Api.json(ctx, Api.JSON.createObjectNode().put("declined", true));
    }

    static ObjectNode sent(CommandDesk.Sent s) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("seq", s.seq());
        o.put("historyId", s.historyId());
        o.put("name", s.name());
        return o;
    }
}
