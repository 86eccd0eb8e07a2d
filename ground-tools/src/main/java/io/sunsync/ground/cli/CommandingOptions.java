package io.sunsync.ground.cli;

import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.command.SatelliteContext;
import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.command.StationKeys;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.tc.CommandSigner;
import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** What every commanding command needs: the satellite, its key, sequence numbers, validity, timeouts, confirmation. */
public final class CommandingOptions {
    @Option(names = {"-s", "--sat"}, paramLabel = "ID",
            description = "Satellite id (default: the only satellite in the profile).")
    String sat;

    @Option(names = "--command-keys", paramLabel = "FILE",
            description = "The satellite's command key file (default: the profile's satellites.SAT.keyFile).")
    Path keyFile;

    @Option(names = "--key-id", paramLabel = "N",
            description = "Key to sign with (default: the profile's keyId, else the satellite's commanding.activeKeyId).")
    Integer keyId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where this station keeps its command sequence numbers (default: $XDG_STATE_HOME/sunsync or ~/.local/state/sunsync).")
    Path stateDir;

    @Option(names = "--valid-s", defaultValue = "300",
            description = "How long a command stays valid, in s of mission time from the satellite's latest frame; also its MQTT message expiry (default ${DEFAULT-VALUE}).")
    long validS;

    @Option(names = "--timeout-s", defaultValue = "30",
            description = "How long to wait for the final verification report, in s (default ${DEFAULT-VALUE}).")
    double timeoutS;

    @Option(names = {"-y", "--yes"}, description = "Confirm critical commands without asking (scripts).")
    boolean yes;

    /** The satellite: {@code --sat}, else the profile's only one. */
    String sat(LoadedProfile p) {
        if (sat != null) {
            return sat;
        }
        if (p.profile().satellites().size() == 1) {
            return p.profile().satellites().keySet().iterator().next();
        }
        throw new GroundCommand.UsageException("which satellite? pass --sat ID"
                + (p.profile().satellites().isEmpty() ? "" : " (the profile knows " + p.profile().satellites().keySet() + ")"));
    }

    /** The signer for {@code sat}: its key file and key id. */
    CommandSigner signer(LoadedProfile p, String sat, SatelliteContext ctx) throws RefusedException {
        return StationKeys.signer(p, sat, keyFile, keyId, ctx);
    }

    /** The station's sequence numbers. */
    SequenceCounter sequences(Map<String, String> environ) {
        return new SequenceCounter(stateDir != null ? stateDir
                : SequenceCounter.defaultStateDir(environ, Path.of(System.getProperty("user.home"))));
    }

    Duration valid() {
        if (validS < 1) {
            throw new GroundCommand.UsageException("--valid-s must be >= 1");
        }
        return Duration.ofSeconds(validS);
    }

    Duration timeout() {
        return Duration.ofMillis((long) (timeoutS * 1000));
    }

    /** Confirmation: {@code --yes}, else the operator types the satellite id on the terminal. */
    CommandSession.Confirmation confirmation(java.io.PrintWriter err) {
        return (s, name, args) -> {
            if (yes) {
                return true;
            }
            Console c = System.console();
            if (c == null) {
                err.println(name + " is critical: confirm on a terminal, or pass --yes");
                err.flush();
                return false;
            }
            String typed = c.readLine("%s %s %s is critical (arm, then execute). Type the satellite id to go on: ", s, name, args);
            return s.equals(typed == null ? null : typed.trim());
        };
    }
}
