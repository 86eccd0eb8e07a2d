package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.SessionStore;
import io.sunsync.ground.console.auth.UserAccount;
import io.sunsync.ground.console.auth.UsersFile;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Login, logout and the session's description. A login is a JSON POST (so a cross-site form
 * cannot make one); guessing is slowed by the {@link io.sunsync.ground.console.auth.LoginThrottle}
 * and password checks run at most two at a time (each takes tens of milliseconds on purpose).
 * An unknown user costs as long as a wrong password. Both outcomes go into the audit log.
 * Thread safe.
 */
final class AuthRoutes {
    private final ConsoleServer.Parts parts;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final Semaphore hashing = new Semaphore(2);

    AuthRoutes(ConsoleServer.Parts parts, ConsoleSettings settings, Clock clock) {
        this.parts = parts;
        this.settings = settings;
        this.clock = clock;
    }

    void register(RoutesConfig r) {
        r.post("/api/login", this::login);
        r.post("/api/logout", this::logout);
        r.get("/api/session", this::session);
    }

    private void login(Context ctx) throws InterruptedException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith("application/json")) {
            throw new ApiError(415, "CONTENT_TYPE", "log in with a JSON body (application/json)");
        }
        ObjectNode body = Api.body(ctx);
        String user = Api.text(body, "user").strip();
        char[] password = body.path("password").asText("").toCharArray();
        String remote = ctx.ip();
        if (!UsersFile.isValidName(user)) {
            throw new ApiError(400, "BAD_USER", "a user name is 1-64 letters, digits, '.', '_' or '-'");
        }
        Duration wait = parts.throttle().wait(user, remote);
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            throw new ApiError(429, "THROTTLED", "too many failed logins: try again in " + Math.max(1, wait.toSeconds()) + " s");
        }
        if (!hashing.tryAcquire(5, TimeUnit.SECONDS)) {
            throw new ApiError(503, "BUSY", "too many logins at once: try again");
        }
        Optional<UserAccount> account = parts.users().user(user);
        boolean ok;
        try {
            ok = account.isPresent() ? PasswordHasher.verify(account.get().passwordHash(), password)
                    : PasswordHasher.verifyDecoy(password);
        } finally {
            hashing.release();
            Arrays.fill(password, '\0');
        }
        if (!ok) {
            parts.throttle().failed(user, remote);
            ObjectNode a = parts.audit().entry(user, "LOGIN_FAILED");
            a.put("remote", remote);
            parts.audit().write(a);
            throw new ApiError(401, "LOGIN", "wrong user name or password");
        }
        parts.throttle().succeeded(user, remote);
        SessionStore.Session s = parts.sessions().create(account.get(), remote);
        ObjectNode a = parts.audit().entry(user, "LOGIN");
        a.put("remote", remote).put("role", s.role().name());
        parts.audit().write(a);
        ctx.cookie(new Cookie(ConsoleServer.COOKIE, s.id(), "/", -1, settings.tls(), true, null, SameSite.STRICT));
        Api.json(ctx, describe(s));
    }

    private void logout(Context ctx) {
        SessionStore.Session s = Api.session(ctx);
        parts.sessions().end(s.id());
        ObjectNode a = parts.audit().entry(s.user(), "LOGOUT");
        a.put("remote", ctx.ip());
        parts.audit().write(a);
        ctx.cookie(new Cookie(ConsoleServer.COOKIE, "", "/", 0, settings.tls(), true, null, SameSite.STRICT));
        Api.json(ctx, Api.JSON.createObjectNode().put("loggedOut", true));
    }

    private void session(Context ctx) {
        Api.json(ctx, describe(Api.session(ctx)));
    }

    private ObjectNode describe(SessionStore.Session s) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("user", s.user());
        o.put("role", s.role().name());
        o.put("mayAct", s.role().mayAct());
        o.put("csrf", s.csrfToken());
        o.put("staleAfterS", settings.staleAfterS());
        o.put("serverMs", clock.millis());
        o.put("idleTimeoutS", settings.sessionIdle().toSeconds());
        o.set("link", parts.ingest().status());
        return o;
    }
}
