package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.auth.LoginThrottle;
import io.sunsync.ground.console.auth.SessionStore;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.console.command.AuditLog;
import io.sunsync.ground.console.command.CommandDesk;
import io.sunsync.ground.console.command.CommandBoard;
import io.sunsync.ground.console.command.DeskException;
import io.sunsync.ground.console.jobs.JobBoard;
import io.sunsync.ground.console.jobs.ResultShelf;
import io.sunsync.ground.console.live.AlarmBook;
import io.sunsync.ground.console.live.EventLog;
import io.sunsync.ground.console.live.FleetState;
import io.sunsync.ground.console.live.RecentFrames;
import io.sunsync.ground.console.live.TelemetryIngest;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.mqtt.PemTls;
import io.sunsync.ground.store.ArchiveHistory;
import io.sunsync.ground.store.StoreException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's web server: Javalin on Jetty, listening on {@link ConsoleSettings#bind()} (HTTP,
 * or HTTPS from PEM files), serving the page from the jar, uPlot through the webjars locator,
 * the JSON API and the event streams. Access is checked before every API route: a live
 * session; for anything but GET, its CSRF token in {@code X-CSRF-Token} and a same-origin
 * {@code Origin}; for acting, the operator role. Security headers (a strict Content Security
 * Policy, no framing, no sniffing, no referrer) go on every answer.
 *
 * <p>Threading: Jetty's request threads; start and close from one owner thread.
 */
public final class ConsoleServer implements AutoCloseable {
    static final String COOKIE = "sunsync_session";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ConsoleSettings settings;
    private final Parts parts;
    private final Clock clock;
    private final Javalin app;

    /** Everything the routes serve from ({@code archive}: where history is read, or null when there is none). */
    public record Parts(UsersFile users, SessionStore sessions, LoginThrottle throttle, FeedHub hub, FleetState fleet,
                        RecentFrames recent, EventLog events, AlarmBook alarms, CommandBoard history, JobBoard jobs,
                        ResultShelf results, CommandDesk desk, AuditLog audit, TelemetryIngest ingest,
                        ArchiveHistory archive) {
    }

    public ConsoleServer(ConsoleSettings settings, Parts parts, Clock clock) {
        this.settings = settings;
        this.parts = parts;
        this.clock = clock;
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = 1_048_576;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.jetty.host = settings.bind();
        config.jetty.port = settings.port();
        if (settings.tls()) {
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(PemTls.keyStore(settings.tlsCertFile(), settings.tlsKeyFile(), "console"));
                ssl.setKeyStorePassword("");
                ssl.setKeyManagerPassword("");
                HttpConfiguration https = new HttpConfiguration(http);
                https.addCustomizer(new SecureRequestCustomizer(false));
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost(settings.bind());
                c.setPort(settings.port());
                return c;
            });
        }
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = "/console";
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", "no-cache");
        });
        RoutesConfig r = config.routes;
        r.before(this::headers);
        r.before("/api/*", this::access);
        r.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        r.exception(DeskException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
        r.exception(StoreException.class, (e, ctx) -> error(ctx, 503, "ARCHIVE_" + e.error(), "the archive: " + e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "INTERNAL", e.toString());
        });
        r.error(404, "application/json", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, 404, "NOT_FOUND", "no such page or resource: " + ctx.path());
            }
        });
        new WebjarRoute().register(r);
        new AuthRoutes(parts, settings, clock).register(r);
        new LiveRoutes(parts, settings, clock).register(r);
        new CommandRoutes(parts).register(r);
        new JobRoutes(parts, clock).register(r);
        new HistoryRoute(parts.archive(), parts.recent()).register(r);
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (settings.tls()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** The access check before every API route. */
    private void access(Context ctx) {
        String method = ctx.req().getMethod();
        boolean safe = SAFE_METHODS.contains(method);
        if (!safe) {
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals(ctx.scheme() + "://" + ctx.host())) {
                throw new ApiError(403, "ORIGIN", "cross-origin request refused (" + origin + ")");
            }
        }
        if (ctx.path().equals("/api/login")) {
            return;
        }
        SessionStore.Session s = parts.sessions().touch(ctx.cookie(COOKIE)).orElseThrow(() ->
                new ApiError(401, "SESSION", "not logged in, or the session expired: log in again"));
        ctx.attribute(Api.SESSION, s);
        if (!safe) {
            if (!SessionStore.csrfMatches(s, ctx.header("X-CSRF-Token"))) {
                throw new ApiError(403, "CSRF", "missing or wrong CSRF token: reload the page");
            }
            if (!ctx.path().equals("/api/logout") && !s.role().mayAct()) {
                throw new ApiError(403, "ROLE", s.user() + " is a viewer: only operators may change anything");
            }
        }
    }

    static void error(Context ctx, int status, String code, String message) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("code", code);
        o.put("error", message);
        ctx.status(status);
        Api.json(ctx, o);
    }

    /** Starts listening. */
    public void start() {
        app.start();
        LOG.info("console on {}", url());
    }

    /** The address to open in a browser. */
    public URI url() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create((settings.tls() ? "https" : "http") + "://" + host + ":" + app.port() + "/");
    }

    @Override
    public void close() {
        app.stop();
    }
}
