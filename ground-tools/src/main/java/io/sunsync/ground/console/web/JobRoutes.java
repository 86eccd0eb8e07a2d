package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sunsync.ground.console.command.CommandDesk;
import io.sunsync.ground.console.command.DeskException;
import io.sunsync.ground.jobs.JobSpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Jobs from the page: submit a spec (JSON or YAML text, docs/jobs.md) with {@code job.submit},
 * cancel, refresh the list from the satellite ({@code job.list}), list what is known, download
 * a verified result file, and release a result on board ({@code job.ackResult}). Thread safe.
 */
final class JobRoutes {
    private final ConsoleServer.Parts parts;
    private final Clock clock;

    JobRoutes(ConsoleServer.Parts parts, Clock clock) {
        this.parts = parts;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.get("/api/jobs", ctx -> Api.json(ctx, parts.jobs().list(blankToNull(ctx.queryParam("sat")))));
        r.post("/api/sats/{sat}/jobs", this::submit);
        r.post("/api/sats/{sat}/jobs/refresh", this::refresh);
        r.post("/api/sats/{sat}/jobs/{job}/cancel", this::cancel);
        r.get("/api/results", ctx -> Api.json(ctx, parts.results().list(blankToNull(ctx.queryParam("sat")))));
        r.get("/api/sats/{sat}/results/{job}/files/<name>", this::download);
        r.post("/api/sats/{sat}/results/{job}/ack", this::ackResult);
    }

    private static String blankToNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (!s.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiError(400, "BAD_SATELLITE", "'" + s + "' is not a satellite id");
        }
        return s;
    }

    private void submit(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        String text = Api.text(body, "spec");
        boolean json = "json".equals(body.path("format").asText("yaml"));
        ObjectNode spec;
        try {
            spec = JobSpecFile.parse(text, json, "job spec");
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "BAD_SPEC", e.getMessage());
        }
        String sat = Api.sat(ctx);
        CommandDesk.Operator op = Api.operator(ctx);
        ObjectNode args = Api.JSON.createObjectNode();
        args.set("spec", spec);
        CommandDesk.Sent s = parts.desk().send(op, sat, "job.submit", args, r -> {
        });
        parts.jobs().submitted(sat, spec.path("id").asText(), op.user(), clock.millis());
        ctx.status(202);
        Api.json(ctx, CommandRoutes.sent(s).put("job", spec.path("id").asText()));
    }

    private void refresh(Context ctx) throws DeskException {
        String sat = Api.sat(ctx);
        CommandDesk.Sent s = parts.desk().send(Api.operator(ctx), sat, "job.list", Api.JSON.createObjectNode(), r -> {
            if (r.completed()) {
                parts.jobs().listed(sat, r.last().data().path("jobs"), clock.millis());
            }
        });
        ctx.status(202);
        Api.json(ctx, CommandRoutes.sent(s));
    }

    private void cancel(Context ctx) throws DeskException {
        ObjectNode body = Api.body(ctx);
        String job = ctx.pathParam("job");
        ObjectNode args = Api.JSON.createObjectNode().put("id", job);
        if (body.path("reason").isTextual() && !body.path("reason").asText().isBlank()) {
            args.put("reason", body.path("reason").asText());
        }
        CommandDesk.Sent s = parts.desk().send(Api.operator(ctx), Api.sat(ctx), "job.cancel", args, r -> {
        });
        ctx.status(202);
        Api.json(ctx, CommandRoutes.sent(s));
    }

    private void download(Context ctx) throws IOException {
        String sat = Api.sat(ctx);
        String job = ctx.pathParam("job");
        String name = ctx.pathParam("name");
        Path p = parts.results().file(sat, job, name).orElseThrow(() -> new ApiError(404, "NOT_FOUND",
                "no verified file " + name + " in the result of " + job + " from " + sat));
        ctx.header("Content-Disposition", "attachment; filename=\"" + p.getFileName().toString().replace("\"", "") + "\"");
        ctx.header("Content-Length", Long.toString(Files.size(p)));
        ctx.contentType("application/octet-stream").result(Files.newInputStream(p));
    }

    private void ackResult(Context ctx) throws DeskException {
        String sat = Api.sat(ctx);
        String job = ctx.pathParam("job");
        if (parts.results().list(sat).stream().noneMatch(o -> o.path("job").asText().equals(job)
                && !o.path("state").asText().equals("RECEIVING"))) {
            throw new ApiError(409, "NOT_VERIFIED", "the result of " + job + " is not in and verified yet: "
                    + "releasing it on board would lose it");
        }
        CommandDesk.Sent s = parts.desk().send(Api.operator(ctx), sat, "job.ackResult",
                Api.JSON.createObjectNode().put("id", job), r -> {
                    if (r.completed()) {
                        parts.results().acknowledged(sat, job);
                    }
                });
        ctx.status(202);
        Api.json(ctx, CommandRoutes.sent(s));
    }
}
