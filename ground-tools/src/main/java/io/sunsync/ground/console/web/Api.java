package io.sunsync.ground.console.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.sunsync.ground.console.auth.SessionStore;
import io.sunsync.ground.console.command.CommandDesk;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What every route does the same way: JSON in and out, the caller's session, path checks. Stateless. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SESSION = "session";

    private Api() {
    }

    /** Answers {@code body} as JSON. */
    static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(body instanceof String s ? s
                    : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request body as a JSON object; a 400 {@code BAD_JSON} otherwise. */
    static ObjectNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new ApiError(400, "BAD_JSON", "the request body must be a JSON object");
            }
            return (ObjectNode) n;
        } catch (JacksonException e) {
            throw new ApiError(400, "BAD_JSON", "the request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A required text field of {@code body}. */
    static String text(ObjectNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ApiError(400, "MISSING_FIELD", field + " is required");
        }
        return v.asText();
    }

    /** The logged-in session of this request (set by the access check). */
    static SessionStore.Session session(Context ctx) {
        SessionStore.Session s = ctx.attribute(SESSION);
        if (s == null) {
            throw new ApiError(401, "SESSION", "not logged in");
        }
        return s;
    }

    /** Who is asking, for the command desk. */
    static CommandDesk.Operator operator(Context ctx) {
        return new CommandDesk.Operator(session(ctx).user(), ctx.ip());
    }

    /** The satellite id in the path; a 400 if it cannot be one. */
    static String sat(Context ctx) {
        String sat = ctx.pathParam("sat");
        if (!sat.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ApiError(400, "BAD_SATELLITE", "'" + sat + "' is not a satellite id");
        }
        return sat;
    }

    /** A bounded integer query parameter. */
    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new ApiError(400, "BAD_PARAMETER", name + " must be " + min + ".." + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "BAD_PARAMETER", name + " must be a whole number");
        }
    }
}
