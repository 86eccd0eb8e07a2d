package io.sunsync.ground.testing;

import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.GroundConsole;
import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.Role;
import io.sunsync.ground.console.auth.UserAccount;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.console.live.TelemetryGate;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.ProfileReader;
import io.sunsync.ground.store.ArchiveStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A console for tests: a users file with an operator ({@link #OPERATOR}) and a viewer
 * ({@link #VIEWER}), both with password {@link #PASSWORD}, an audit log, results and state folders
 * under {@code dir}, on a free loopback port, talking to {@code brokerUrl} with the profile
 * {@code profileYaml} (its paths relative to {@code dir}).
 */
public final class ConsoleFixture implements AutoCloseable {
    public static final String OPERATOR = "alice";
    public static final String VIEWER = "bob";
    public static final String PASSWORD = "correct horse battery staple";

    private final GroundConsole console;
    private final Path dir;

    private ConsoleFixture(GroundConsole console, Path dir) {
        this.console = console;
        this.dir = dir;
    }

    /** Starts a console with default timings and the system clock. */
    public static ConsoleFixture start(Path dir, String profileYaml) throws IOException {
        return start(dir, profileYaml, Clock.systemUTC(), Duration.ofMinutes(30));
    }

    /** Starts a console whose sessions end after {@code sessionIdle} without a request, on {@code clock}. */
    public static ConsoleFixture start(Path dir, String profileYaml, Clock clock, Duration sessionIdle) throws IOException {
        return start(dir, profileYaml, clock, sessionIdle, null);
    }

    /** Starts a console that reads history from, and records into, {@code archive} (null: none). */
    public static ConsoleFixture start(Path dir, String profileYaml, Clock clock, Duration sessionIdle, ArchiveStore archive)
            throws IOException {
        return start(dir, profileYaml, clock, sessionIdle, archive, null, null);
    }

    /** Starts a console serving HTTPS with {@code tlsCert} and {@code tlsKey} (PEM; null: plain HTTP). */
    public static ConsoleFixture start(Path dir, String profileYaml, Clock clock, Duration sessionIdle, ArchiveStore archive,
                                       Path tlsCert, Path tlsKey) throws IOException {
        Files.createDirectories(dir);
        Path users = dir.resolve("users");
        if (!Files.exists(users)) {
            UsersFile.put(users, new UserAccount(OPERATOR, PasswordHasher.hash(PASSWORD.toCharArray()), Role.OPERATOR));
            UsersFile.put(users, new UserAccount(VIEWER, PasswordHasher.hash(PASSWORD.toCharArray()), Role.VIEWER));
        }
        Path profileFile = dir.resolve("ground.yaml");
        Files.writeString(profileFile, profileYaml);
        LoadedProfile profile = new LoadedProfile(ProfileReader.read(profileFile), profileFile);
        ConsoleSettings s = new ConsoleSettings("127.0.0.1", 0, tlsCert, tlsKey, users, dir.resolve("audit.jsonl"),
                dir.resolve("state"), dir.resolve("results"), 10, sessionIdle, Duration.ofHours(12).plus(sessionIdle),
                Duration.ofSeconds(300), Duration.ofSeconds(30), 16, 20_000, 10_000);
        String url = profile.profile().broker().url();
        GroundConsole c = GroundConsole.start(s, profile, purpose -> ConnectSettings.transientSession(url,
                GroundConnection.randomClientId("test-" + purpose)), TelemetryGate.unauthenticated(), archive, archive != null, clock);
        return new ConsoleFixture(c, dir);
    }

    /** The console's address, e.g. {@code http://127.0.0.1:40123/}. */
    public String url() {
        return console.url().toString();
    }

    /** The console itself. */
    public GroundConsole console() {
        return console;
    }

    /** The audit log. */
    public Path auditLog() {
        return dir.resolve("audit.jsonl");
    }

    /** Where results are collected. */
    public Path results() {
        return dir.resolve("results");
    }

    /** The station's sequence number store. */
    public Path state() {
        return dir.resolve("state");
    }

    @Override
    public void close() {
        console.close();
    }
}
