package io.sunsync.ground.tmauth;

import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.ProfileError;
import io.sunsync.ground.profile.ProfileException;
import io.sunsync.ground.profile.SatelliteProfile;
import io.sunsync.ground.tc.CommandKeyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The telemetry keys of every satellite the station knows, by satellite id, read from the
 * profile's {@code satellites.ID.telemetryKeyFile} (the command key file's format, other keys).
 * Key bytes never leave the key files' objects. Immutable; thread safe.
 */
public final class TelemetryKeys {
    private final Map<String, CommandKeyFile> bySat;

    private TelemetryKeys(Map<String, CommandKeyFile> bySat) {
        this.bySat = Map.copyOf(bySat);
    }

    /** No keys: every message is {@link Verdict#NO_KEY}. */
    public static TelemetryKeys none() {
        return new TelemetryKeys(Map.of());
    }

    /** These key files, each for the satellite it names. */
    public static TelemetryKeys of(Iterable<CommandKeyFile> files) {
        Map<String, CommandKeyFile> m = new TreeMap<>();
        for (CommandKeyFile f : files) {
            m.put(f.sat(), f);
        }
        return new TelemetryKeys(m);
    }

    /** Reads {@code files} (each a telemetry key file). */
    public static TelemetryKeys read(Iterable<Path> files) throws IOException {
        java.util.List<CommandKeyFile> read = new java.util.ArrayList<>();
        for (Path p : files) {
            read.add(CommandKeyFile.read(p));
        }
        return of(read);
    }

    /**
     * The telemetry key file of every satellite of the profile that has one.
     *
     * @throws ProfileException naming {@code satellites.ID.telemetryKeyFile} when one cannot be read or
     *                          holds another satellite's keys
     */
    public static TelemetryKeys fromProfile(LoadedProfile profile) {
        Map<String, CommandKeyFile> m = new TreeMap<>();
        for (Map.Entry<String, SatelliteProfile> e : profile.profile().satellites().entrySet()) {
            String file = e.getValue().telemetryKeyFile();
            if (file == null) {
                continue;
            }
            String key = "satellites." + e.getKey() + ".telemetryKeyFile";
            CommandKeyFile keys;
            try {
                keys = CommandKeyFile.read(profile.resolve(file));
            } catch (IOException ex) {
                throw new ProfileException(ProfileError.UNREADABLE, key, ex.getMessage());
            }
            if (!keys.sat().equals(e.getKey())) {
                throw new ProfileException(ProfileError.INVALID, key, "holds the keys of " + keys.sat() + ", not "
                        + e.getKey());
            }
            m.put(e.getKey(), keys);
        }
        return new TelemetryKeys(m);
    }

    /**
     * Every telemetry key file in {@code dir} ({@code *.tm-keys.json}, each naming its satellite):
     * a fleet's keys without a profile entry per satellite.
     */
    public static TelemetryKeys readFolder(Path dir) throws IOException {
        java.util.List<Path> files;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".tm-keys.json")).sorted().toList();
        }
        return read(files);
    }

    /** These keys and {@code more} (for a satellite in both, {@code more}'s). */
    public TelemetryKeys plus(TelemetryKeys more) {
        Map<String, CommandKeyFile> m = new TreeMap<>(bySat);
        m.putAll(more.bySat);
        return new TelemetryKeys(m);
    }

    /** The telemetry keys of {@code sat}, if the station has them. */
    public Optional<CommandKeyFile> of(String sat) {
        return Optional.ofNullable(sat == null ? null : bySat.get(sat));
    }

    /** The satellites with telemetry keys. */
    public Set<String> satellites() {
        return bySat.keySet();
    }

    @Override
    public String toString() {
        return "TelemetryKeys" + bySat.keySet();
    }
}
