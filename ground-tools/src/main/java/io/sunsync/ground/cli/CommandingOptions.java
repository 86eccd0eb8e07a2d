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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every commanding command needs: the satellite, its key, sequence numbers, validity, timeouts
 * ({@link CommandTimingOptions}), confirmation. A picocli mixin; read after parsing, on the command's thread.
 */
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

    @Mixin
    CommandTimingOptions timing;

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
        return new SequenceCounter(timing.stateDir(environ));
    }

    /** {@code --valid-s}. */
    Duration valid() {
        return timing.valid();
    }

    /** {@code --timeout-s}. */
    Duration timeout() {
        return timing.timeout();
    }

    /** {@code --timeout-s} in s. */
    double timeoutS() {
        return timing.timeoutS();
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
