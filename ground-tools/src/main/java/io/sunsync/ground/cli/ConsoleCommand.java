package io.sunsync.ground.cli;

import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.GroundConsole;
import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.Role;
import io.sunsync.ground.console.auth.UserAccount;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.console.live.TelemetryGate;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sunsync ground console}: the ground console in the browser, and its users. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"The ground console in the browser: the fleet, each satellite's live telemetry with its limits and "
                + "charts, events and alarms (acknowledged by name, shared by all operators), commanding from the "
                + "satellite's dictionary (signed on this server with the profile's keys, which never reach a browser; "
                + "critical commands arm, confirm, execute), jobs and their verified results.",
            "Listens on loopback unless told otherwise. Operators log in with the users file (sunsync ground console "
                    + "adduser); sessions are HttpOnly SameSite cookies, every change needs the session's CSRF token, "
                    + "and every command goes into the audit log. Runs until Ctrl-C or SIGTERM."},
        subcommands = {ConsoleCommand.AddUser.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sunsync ground console adduser --users ~/.config/sunsync/console-users alice",
                "  sunsync ground console --profile gs1.yaml --users ~/.config/sunsync/console-users",
                "  sunsync ground console --db sqlite:archive.db --record          # one station, history included",
                "  sunsync ground console --db postgresql://ops@db1/sunsync        # history from the fleet archive",
                "  sunsync ground console --bind 0.0.0.0 --port 8443 --tls-cert console.pem --tls-key console.key"})
public final class ConsoleCommand extends ConnectedCommand {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0: any free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only; anything else should use TLS).")
    String bind;

    @Mixin
    UsersFileOption users;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's PKCS#8 private key (BEGIN PRIVATE KEY).")
    Path tlsKey;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Audit log, one JSON line per command, acknowledgement and login (default: STATE/console/audit.jsonl).")
    Path auditLog;

    @Option(names = {"-o", "--results"}, defaultValue = "results",
            description = "Where downlinked results are collected and verified (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--stale-after-s", defaultValue = "10",
            description = "A satellite without a live frame for this long is shown stale, in s (default ${DEFAULT-VALUE}).")
    double staleAfterS;

    @Option(names = "--session-idle-min", defaultValue = "30",
            description = "A session without a request for this long ends, in minutes (default ${DEFAULT-VALUE}).")
    long sessionIdleMin;

    @Option(names = "--session-max-h", defaultValue = "12",
            description = "A session ends this long after login, in hours (default ${DEFAULT-VALUE}).")
    long sessionMaxH;

    @Mixin
    CommandTimingOptions timing;

    @Option(names = "--max-pages", defaultValue = "64", description = "Most live pages at once (default ${DEFAULT-VALUE}).")
    int maxPages;

    @Option(names = "--page-queue", defaultValue = "20000",
            description = "Most updates waiting for one page before the oldest is dropped (default ${DEFAULT-VALUE}).")
    int pageQueue;

    @Option(names = "--max-satellites", defaultValue = "10000",
            description = "Most satellites tracked (default ${DEFAULT-VALUE}).")
    int maxSatellites;

    @Mixin
    DbOptions db;

    @Option(names = "--record",
            description = "Also record into the archive database (--db), as 'archive record --db' does: for a station "
                    + "that runs the console alone.")
    boolean record;

    @Override
    protected ExitCode run(LoadedProfile profile) throws Exception {
        Path state = timing.stateDir(environ);
        ConsoleSettings s = fromArguments(() -> new ConsoleSettings(bind, port, tlsCert, tlsKey,
                users.file(),
                auditLog != null ? auditLog : state.resolve("console").resolve("audit.jsonl"), state, results,
                staleAfterS, Duration.ofMinutes(sessionIdleMin), Duration.ofHours(sessionMaxH),
                timing.valid(), timing.timeout(), maxPages, pageQueue, maxSatellites));
        if (!s.loopbackOnly() && !s.tls()) {
            err().println("console: WARNING: listening on " + bind + " without TLS: passwords and session cookies cross "
                    + "the network in clear; use --tls-cert and --tls-key");
        }
        if (record && !db.given(profile)) {
            throw new UsageException("--record needs an archive database: pass --db URL (e.g. --db sqlite:archive.db)");
        }
        try (StopSignal stop = StopSignal.onShutdown("console");
             ArchiveStore archive = db.open(profile, environ, clock);
             GroundConsole console = start(s, profile, archive)) {
            out().println("console: " + console.url() + "  (broker " + profile.profile().broker().url() + ", users "
                    + s.usersFile() + ", audit log " + s.auditLog()
                    + (archive == null ? ", no archive: live only" : ", history from " + archive.location()
                    + (record ? " (recording)" : "")) + ")");
            out().flush();
            while (!stop.raised()) {
                Thread.sleep(200);
            }
        }
        return ExitCode.OK;
    }

    private GroundConsole start(ConsoleSettings s, LoadedProfile profile, ArchiveStore archive) throws java.io.IOException {
        try {
            return GroundConsole.start(s, profile, purpose -> settings(profile, purpose),
                    TelemetryGate.verifying(TelemetryKeys.fromProfile(profile)), archive, record, clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (RuntimeException e) {
            if (e.getCause() instanceof java.net.BindException || String.valueOf(e.getMessage()).contains("bind")) {
                throw new UsageException("cannot listen on " + s.bind() + ":" + s.port() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** {@code console adduser}. */
    @Command(name = "adduser", mixinStandardHelpOptions = true,
            description = "Adds a user to the console's users file, or sets a user's password and role; the password is "
                    + "hashed with Argon2id and never stored or shown.",
            footer = {"", "Examples:",
                    "  sunsync ground console adduser --users ~/.config/sunsync/console-users alice",
                    "  sunsync ground console adduser --users users bob --role viewer",
                    "  printf '%s\\n' \"$PW\" | sunsync ground console adduser --users users carol --password-stdin"})
    public static final class AddUser extends GroundCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The login name.")
        String name;

        @Mixin
        UsersFileOption users;

        @Option(names = "--role", defaultValue = "operator",
                description = "operator (commands, submits, acknowledges) or viewer (looks only) (default ${DEFAULT-VALUE}).")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            Role r;
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--role must be operator or viewer, was '" + role + "'");
            }
            if (!UsersFile.isValidName(name)) {
                throw new UsageException("user name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            char[] password = password();
            try {
                if (password.length < 12) {
                    throw new UsageException("a console password has at least 12 characters");
                }
                Path file = users.file();
                UsersFile.put(file, new UserAccount(name, PasswordHasher.hash(password), r));
                out().println("console adduser: " + name + " (" + r.name().toLowerCase(Locale.ROOT) + ") in " + file);
                out().flush();
                return ExitCode.OK;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() throws java.io.IOException {
            if (passwordStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new UsageException("--password-stdin: no line on standard input");
                }
                return line.toCharArray();
            }
            Console c = System.console();
            if (c == null) {
                throw new UsageException("no terminal to ask for the password: use --password-stdin");
            }
            char[] a = c.readPassword("password for %s: ", name);
            char[] b = c.readPassword("again: ");
            if (a == null || b == null || !Arrays.equals(a, b)) {
                throw new UsageException("the passwords differ");
            }
            Arrays.fill(b, '\0');
            return a;
        }
    }
}
