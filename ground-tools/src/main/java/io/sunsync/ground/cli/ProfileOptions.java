package io.sunsync.ground.cli;

import io.sunsync.ground.profile.LoadedProfile;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every ground command takes: which profile, and {@code --show-config}. */
public final class ProfileOptions {
    @Option(names = "--profile", paramLabel = "FILE",
            description = "Connection profile (default: $SUNSYNC_GROUND_PROFILE, else ~/.config/sunsync/ground.yaml if present).")
    Path profile;

    @Option(names = "--show-config",
            description = "Print the effective profile (secrets masked) and exit.")
    boolean showConfig;

    /** The profile file as found (before command-line overrides). */
    LoadedProfile load(Map<String, String> environ) {
        return LoadedProfile.locate(profile, environ, Path.of(System.getProperty("user.home")));
    }
}
