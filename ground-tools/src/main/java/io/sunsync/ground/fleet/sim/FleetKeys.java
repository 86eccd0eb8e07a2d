package io.sunsync.ground.fleet.sim;

import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Telemetry keys for a simulated fleet: one key file per satellite (key id 1), as flight would
 * hold them, for {@link FleetPublisher#signedWith} and the workers that verify what it sends
 * (tests and benchmarks). Stateless.
 */
public final class FleetKeys {
    private FleetKeys() {
    }

    /** Writes {@code dir/SAT.tm-keys.json} for each satellite and returns the keys. */
    public static TelemetryKeys generate(Path dir, List<String> sats) throws IOException {
        Files.createDirectories(dir);
        List<CommandKeyFile> files = new ArrayList<>();
        for (String sat : sats) {
            files.add(CommandKeyFile.generate(dir.resolve(sat + ".tm-keys.json"), sat, 1));
        }
        return TelemetryKeys.of(files);
    }
}
