package io.sunsync.hal.sysfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * File access that refuses chosen files with {@link AccessDeniedException}, exactly what the JDK
 * throws for {@code EACCES}. Tests run as root in CI, and root ignores file modes, so this is
 * how a test shows what an unprivileged flight process sees, e.g. on {@code energy_uj}, which is
 * mode 0400 since Linux 5.10 (CVE-2020-8694). Everything else goes to the real files.
 */
public final class DenyingAccess implements FileAccess {
    private final Set<Path> deniedReads = new HashSet<>();
    private final Set<Path> ignoredWrites = new HashSet<>();

    public DenyingAccess denyRead(Path file) {
        deniedReads.add(file);
        return this;
    }

    /** Writes to {@code file} "succeed" but change nothing (firmware overriding the request). */
    public DenyingAccess ignoreWrites(Path file) {
        ignoredWrites.add(file);
        return this;
    }

    @Override
    public String read(Path file) throws IOException {
        if (deniedReads.contains(file)) {
            throw new AccessDeniedException(file.toString());
        }
        return FileAccess.DIRECT.read(file);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        if (deniedReads.contains(file)) {
            throw new AccessDeniedException(file.toString());
        }
        if (ignoredWrites.contains(file)) {
            return;
        }
        FileAccess.DIRECT.write(file, value);
    }
}
