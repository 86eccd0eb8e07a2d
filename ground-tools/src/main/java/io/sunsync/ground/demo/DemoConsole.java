package io.sunsync.ground.demo;

import io.sunsync.ground.console.ConsoleSettings;
import io.sunsync.ground.console.GroundConsole;
import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.Role;
import io.sunsync.ground.console.auth.UserAccount;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.console.live.TelemetryGate;
import io.sunsync.ground.mission.MissionFolder;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.ProfileReader;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The web console on a mission rehearsal ({@code sunsync demo --console}): started once the
 * mission's broker is up, with the satellite's command keys and the ground script's sequence
 * numbers (so the operator's commands and the script's never reuse a number), its own SQLite
 * archive for history, and a one-time operator login printed with its address.
 *
 * <p>Threading: started on the mission's thread; closed by its owner.
 */
final class DemoConsole implements AutoCloseable {
    private static final String USER = "operator";
    private final GroundConsole console;
    private final ArchiveStore archive;

    private DemoConsole(GroundConsole console, ArchiveStore archive) {
        this.console = console;
        this.archive = archive;
    }

    /** Starts the console for satellite {@code sat} of the mission in {@code folder}, on {@code port} (0: any). */
    static DemoConsole start(String brokerUrl, MissionFolder folder, String sat, int port, PrintStream out) throws Exception {
        Path dir = Files.createDirectories(folder.groundDir().resolve("console"));
        char[] password = password();
        Path users = dir.resolve("users");
        Files.deleteIfExists(users);
        UsersFile.put(users, new UserAccount(USER, PasswordHasher.hash(password), Role.OPERATOR));
        Path profileFile = dir.resolve("ground.yaml");
        Files.writeString(profileFile, """
                broker: {url: "%s", clientIdPrefix: demo-console}
                satellites:
                  %s: {keyFile: %s, telemetryKeyFile: %s}
                """.formatted(brokerUrl, sat, folder.groundKeys(sat).toAbsolutePath(),
                folder.groundTelemetryKeys(sat).toAbsolutePath()));
        LoadedProfile profile = new LoadedProfile(ProfileReader.read(profileFile), profileFile);
        ConsoleSettings s = new ConsoleSettings("127.0.0.1", port, null, null, users, dir.resolve("audit.jsonl"),
                folder.groundState(), dir.resolve("results"), 10, Duration.ofHours(12), Duration.ofHours(12),
                Duration.ofSeconds(300), Duration.ofSeconds(30), 16, 20_000, 100);
        ArchiveStore archive = StoreUrl.sqlite(dir.resolve("archive.db")).open();
        try {
            GroundConsole console = GroundConsole.start(s, profile, purpose -> ConnectSettings.transientSession(brokerUrl,
                    GroundConnection.randomClientId("demo-" + purpose)), TelemetryGate.verifying(TelemetryKeys.fromProfile(profile)),
                    archive, true,
                    Clock.systemUTC());
            out.printf("  console   %s  (log in as %s, password %s; audit log %s)%n", console.url(), USER,
                    new String(password), dir.resolve("audit.jsonl"));
            out.flush();
            return new DemoConsole(console, archive);
        } catch (Exception | Error e) {
            archive.close();
            throw e;
        }
    }

    /** The console's address. */
    String url() {
        return console.url().toString();
    }

    private static char[] password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return c;
    }

    @Override
    public void close() {
        console.close();
        archive.close();
    }
}
