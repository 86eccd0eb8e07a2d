package io.sunsync.ground.profile;

import java.nio.file.Path;

/** Resolves paths written in a profile: {@code ~/} is the home folder, relative paths are relative to the profile's folder. */
final class ProfilePaths {
    private ProfilePaths() {
    }

    static Path resolve(String path, Path baseDir) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(path.equals("~") ? "" : path.substring(2)).normalize();
        }
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }
}
