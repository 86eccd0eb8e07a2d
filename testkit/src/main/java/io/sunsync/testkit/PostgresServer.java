package io.sunsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks: a fresh cluster made with {@code initdb} in a
 * temporary folder, started and stopped with {@code pg_ctl} on a free loopback port, like
 * {@link MosquittoBroker} for MQTT. Debian's {@code postgresql-15} package provides the binaries
 * ({@code /usr/lib/postgresql/15/bin}; {@code $SUNSYNC_PG_BIN} names another folder).
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then every server command runs as the
 * unprivileged system user {@value #SERVER_USER} (created with {@code useradd --system} if missing)
 * through {@code runuser}, and the cluster's folder (under {@code /tmp}, which that user can reach)
 * is handed to it. As any other user the commands run as that user, in {@code java.io.tmpdir}.
 *
 * <p>The cluster has one superuser, {@link #user()}, with a password ({@code scram-sha-256} over
 * TCP), and the database {@link #database()}. By default it is tuned for tests (no fsync: a
 * {@link #crash()} loses no committed transaction, a power cut would); a
 * {@link Builder#durable(boolean) durable} server keeps PostgreSQL's defaults, for benchmarks.
 *
 * <p>Tests that need PostgreSQL must not skip when it is absent: {@link #start()} throws with the
 * install command instead. Not thread safe; one test owns one server. A JVM shutdown hook stops a
 * server that was not closed.
 */
public final class PostgresServer implements AutoCloseable {
    /** The unprivileged user the server runs as when the JVM runs as root. */
    public static final String SERVER_USER = "sunsync-pg";
    private static final String INSTALL = "apt-get install -y postgresql-15";

    private final Builder builder;
    private final Path home;
    private final Path data;
    private final String password;
    private final Thread shutdownHook;
    private boolean running;

    private PostgresServer(Builder builder, Path home, String password) {
        this.builder = builder;
        this.home = home;
        this.data = home.resolve("data");
        this.password = password;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-stop-" + builder.port);
    }

    /** A builder for a server on a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server tuned for tests on a free loopback port. */
    public static PostgresServer start() {
        return builder().start();
    }

    /**
     * The folder holding {@code initdb}, {@code pg_ctl} and {@code postgres}: {@code $SUNSYNC_PG_BIN},
     * else {@code /usr/lib/postgresql/15/bin}, else the newest {@code /usr/lib/postgresql/N/bin},
     * else the folder of {@code pg_ctl} on the {@code PATH}.
     */
    public static Optional<Path> binDir() {
        String env = System.getenv("SUNSYNC_PG_BIN");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p.resolve("pg_ctl")) ? Optional.of(p) : Optional.empty();
        }
        Path debian = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(debian.resolve("initdb"))) {
            return Optional.of(debian);
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> s = Files.list(lib)) {
                Optional<Path> newest = s.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException ignored) {
                // fall through to the PATH
            }
        }
        return InstalledTool.onPath("initdb").map(candidate -> {
            try {
                return candidate.toRealPath().getParent();
            } catch (IOException e) {
                return candidate.getParent();
            }
        });
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return builder.port;
    }

    /** The superuser's name. */
    public String user() {
        return builder.user;
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    /** The database made for the caller. */
    public String database() {
        return builder.database;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE} (credentials not included). */
    public String jdbcUrl() {
        return jdbcUrl(builder.database);
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/NAME} for another database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + builder.port + "/" + database;
    }

    /** {@code postgresql://USER:PASSWORD@127.0.0.1:PORT/DATABASE}, the form operators write. */
    public String url() {
        return "postgresql://" + builder.user + ":" + password + "@127.0.0.1:" + builder.port + "/" + builder.database;
    }

    /** The cluster's folder (data directory, log, socket). */
    public Path home() {
        return home;
    }

    /** The server log so far (for failure messages). */
    public String log() {
        try {
            Path log = home.resolve("postgres.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** True while the server runs. */
    public boolean isRunning() {
        return running;
    }

    /** Creates another database, owned by {@link #user()}. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name '" + name + "' must match [a-z][a-z0-9_]{0,62}");
        }
        run(List.of(bin("createdb"), "-h", socketDir(), "-p", Integer.toString(builder.port), "-U", builder.user, name));
    }

    /**
     * Stops the server the way an outage does: {@code pg_ctl stop -m immediate} (no clean shutdown;
     * connections are cut, recovery runs at the next start). The data stays.
     */
    public void crash() {
        if (running) {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            running = false;
        }
    }

    /** Stops the server cleanly ({@code pg_ctl stop -m fast}); the data stays. */
    public void stop() {
        if (running) {
            run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            running = false;
        }
    }

    /** Starts the server again on the same port with the same data. */
    public void restart() {
        stop();
        launch();
    }

    /** Starts a stopped (or crashed) server again. */
    public void startAgain() {
        if (!running) {
            launch();
        }
    }

    @Override
    public void close() {
        try {
            stopQuietly();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            TestFiles.deleteTree(home);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            try {
                run(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            } catch (RuntimeException ignored) {
                // nothing more to do
            }
            running = false;
        }
    }

    private String socketDir() {
        return home.resolve("sock").toString();
    }

    private void launch() {
        run(List.of(bin("pg_ctl"), "-D", data.toString(), "-l", home.resolve("postgres.log").toString(), "-w", "-t", "60",
                "start"));
        running = true;
        try {
            if (!FreePort.awaitListening(builder.port, Duration.ofSeconds(30))) {
                String log = log();
                stopQuietly();
                throw new IllegalStateException("postgres did not listen on port " + builder.port + ":\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting postgres", e);
        }
    }

    private String bin(String tool) {
        return builder.binDir.resolve(tool).toString();
    }

    /** Runs a server command as the server's user; throws with its output if it fails. */
    private void run(List<String> command) {
        builder.runAsServerUser(command, home);
    }

    /** Configures and starts a {@link PostgresServer}. */
    public static final class Builder {
        private int port = FreePort.find();
        private String user = "sunsync";
        private String database = "sunsync";
        private boolean durable;
        private final List<String> settings = new ArrayList<>();
        private Path binDir;
        private String runAs;

        private Builder() {
        }

        /** Listens on {@code port} instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The superuser's name (default {@code sunsync}). */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The database made at start (default {@code sunsync}). */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /**
         * Keeps PostgreSQL's durable defaults ({@code fsync} and {@code full_page_writes} on), for
         * benchmarks; without it they are off, for fast tests (commits stay synchronous either way).
         */
        public Builder durable(boolean on) {
            this.durable = on;
            return this;
        }

        /** Adds a {@code postgresql.conf} line, e.g. {@code shared_buffers = '256MB'}. */
        public Builder setting(String line) {
            settings.add(line);
            return this;
        }

        /** Makes the cluster and starts the server, waiting until it accepts connections. */
        public PostgresServer start() {
            binDir = binDir().orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL is not installed (tests that need it never skip): " + INSTALL));
            if (!user.matches("[a-z][a-z0-9_]{0,62}") || !database.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("user and database must match [a-z][a-z0-9_]{0,62}");
            }
            runAs = isRoot() ? ensureServerUser() : null;
            Path home;
            try {
                // As root the server user must reach the folder: /tmp is traversable by all, java.io.tmpdir may not be.
                home = runAs == null ? Files.createTempDirectory("sunsync-postgres-")
                        : Files.createTempDirectory(Path.of("/tmp"), "sunsync-postgres-");
                Files.createDirectories(home.resolve("sock"));
                if (runAs != null) {
                    exec(List.of("chown", "-R", runAs + ":", home.toString()), null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the postgres folder", e);
            }
            String password = UUID.randomUUID().toString().replace("-", "");
            PostgresServer server = new PostgresServer(this, home, password);
            try {
                Path pwfile = home.resolve("pwfile");
                Files.writeString(pwfile, password + "\n");
                if (runAs != null) {
                    exec(List.of("chown", runAs + ":", pwfile.toString()), null);
                }
                runAsServerUser(List.of(binDir.resolve("initdb").toString(), "-D", home.resolve("data").toString(),
                        "-U", user, "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                        "-E", "UTF8", "--locale=C", "--no-instructions"), home);
                Files.delete(pwfile);
                StringBuilder conf = new StringBuilder("\n# sunsync testkit\n");
                conf.append("listen_addresses = '127.0.0.1'\n");
                conf.append("port = ").append(port).append('\n');
                conf.append("unix_socket_directories = '").append(home.resolve("sock")).append("'\n");
                conf.append("max_connections = 60\n");
                conf.append("log_min_messages = warning\n");
                conf.append("timezone = 'UTC'\n");
                if (!durable) {
                    // Not synchronous_commit: a crash() must not lose a commit the client was told of.
                    conf.append("fsync = off\nfull_page_writes = off\n");
                }
                for (String s : settings) {
                    conf.append(s).append('\n');
                }
                Files.writeString(home.resolve("data/postgresql.conf"), conf.toString(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                server.launch();
                server.createDatabase(database);
                return server;
            } catch (IOException | RuntimeException e) {
                String log = server.log();
                server.close();
                throw new IllegalStateException("cannot start postgres: " + e.getMessage()
                        + (log.isEmpty() ? "" : "\nserver log:\n" + log), e);
            }
        }

        private void runAsServerUser(List<String> command, Path home) {
            List<String> full = new ArrayList<>();
            if (runAs != null) {
                full.addAll(List.of("runuser", "-u", runAs, "--"));
            }
            full.addAll(command);
            exec(full, home);
        }

        private static boolean isRoot() {
            try {
                Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor(10, TimeUnit.SECONDS);
                return out.equals("0");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Creates {@link #SERVER_USER} if it does not exist (several JVMs may race: a second useradd failing is fine). */
        private static String ensureServerUser() {
            synchronized (PostgresServer.class) {
                if (!userExists(SERVER_USER)) {
                    try {
                        exec(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                                "--shell", "/usr/sbin/nologin", SERVER_USER), null);
                    } catch (IllegalStateException e) {
                        if (!userExists(SERVER_USER)) {
                            throw new IllegalStateException("cannot create the unprivileged user " + SERVER_USER
                                    + " postgres must run as (it refuses root): " + e.getMessage(), e);
                        }
                    }
                }
                return SERVER_USER;
            }
        }

        private static boolean userExists(String name) {
            try {
                Process p = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static void exec(List<String> command, Path dir) {
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                if (dir != null) {
                    pb.directory(dir.toFile());
                }
                pb.environment().put("LC_ALL", "C");
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s:\n" + out);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command.get(0), e);
            }
        }
    }
}
