package io.sunsync.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds an installed tool (mosquitto, openssl, chromium, initdb) the way the servers and tools of
 * this kit look for them: the first of some known paths that is an executable file, or the first
 * executable of that name on the {@code PATH}. Stateless; thread safe.
 */
public final class InstalledTool {
    private InstalledTool() {
    }

    /** The first of {@code paths} (absolute) that is executable, if any. */
    public static Optional<Path> firstOf(String... paths) {
        for (String p : paths) {
            Path candidate = Path.of(p);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first executable {@code name} in a folder of {@code $PATH} (an empty entry is the working folder), if any. */
    public static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
