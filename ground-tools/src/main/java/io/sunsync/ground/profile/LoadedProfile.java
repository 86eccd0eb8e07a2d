package io.sunsync.ground.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A profile together with the file it came from (paths in it are relative to that file's
 * folder). Immutable.
 *
 * @param profile the profile (after command-line overrides)
 * @param file    the file it was read from, or null when no profile file was used
 */
public record LoadedProfile(GroundProfile profile, Path file) {
    /** Environment variable naming the profile file. */
    public static final String ENV = "SUNSYNC_GROUND_PROFILE";

    /** The default profile location under {@code home}: {@code ~/.config/sunsync/ground.yaml}. */
    public static Path defaultLocation(Path home) {
        return home.resolve(".config").resolve("sunsync").resolve("ground.yaml");
    }

    /**
     * Finds and reads the profile: {@code explicit} (from {@code --profile}) if given, else
     * {@code $SUNSYNC_GROUND_PROFILE}, else {@code ~/.config/sunsync/ground.yaml} when it exists,
     * else the defaults. A file that was named but is missing is an error.
     */
    public static LoadedProfile locate(Path explicit, Map<String, String> environ, Path home) {
        Path named = explicit;
        if (named == null && environ.get(ENV) != null && !environ.get(ENV).isBlank()) {
            named = Path.of(environ.get(ENV));
        }
        if (named != null) {
            return new LoadedProfile(ProfileReader.read(named), named.toAbsolutePath());
        }
        Path dflt = defaultLocation(home);
        if (Files.isRegularFile(dflt)) {
            return new LoadedProfile(ProfileReader.read(dflt), dflt.toAbsolutePath());
        }
        return new LoadedProfile(GroundProfile.defaults(), null);
    }

    /** The folder relative paths in the profile are resolved against (the working folder without a file). */
    public Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }

    /** A path written in the profile, resolved ({@code ~/}, relative to the profile's folder). */
    public Path resolve(String path) {
        return ProfilePaths.resolve(path, baseDir());
    }

    /** The broker password, or null when none is configured. */
    public Secret password(Map<String, String> environ) {
        SecretRef ref = profile.broker().password();
        return ref == null ? null : ref.resolve("broker.password", baseDir(), environ);
    }

    /** The same, with another profile (e.g. after command-line overrides). */
    public LoadedProfile with(GroundProfile p) {
        return new LoadedProfile(p, file);
    }

    /**
     * The effective profile as YAML for {@code --show-config}: where each secret is kept, never
     * its value, and whether it can be read.
     */
    public String show(Map<String, String> environ) {
        StringBuilder sb = new StringBuilder();
        sb.append("# profile: ").append(file == null ? "(none: defaults and command-line flags)" : file).append('\n');
        BrokerProfile b = profile.broker();
        sb.append("broker:\n");
        sb.append("  url: ").append(b.url()).append('\n');
        sb.append("  clientIdPrefix: ").append(b.clientIdPrefix()).append('\n');
        if (b.username() != null) {
            sb.append("  username: ").append(b.username()).append('\n');
        }
        if (b.password() != null) {
            String state;
            try {
                b.password().resolve("broker.password", baseDir(), environ);
                state = "readable";
            } catch (ProfileException e) {
                state = "NOT READABLE: " + e.reason();
            }
            sb.append("  password: ").append(Secret.MASK).append("   # ").append(b.password().describe())
                    .append(", ").append(state).append('\n');
        }
        if (b.tls() != null) {
            sb.append("  tls:\n");
            sb.append("    caFile: ").append(resolve(b.tls().caFile())).append('\n');
            if (b.tls().certFile() != null) {
                sb.append("    certFile: ").append(resolve(b.tls().certFile())).append('\n');
                sb.append("    keyFile: ").append(resolve(b.tls().keyFile())).append("   # contents never shown\n");
            }
        }
        if (!profile.satellites().isEmpty()) {
            sb.append("satellites:\n");
            profile.satellites().forEach((id, s) -> {
                sb.append("  ").append(id).append(":\n");
                if (s.keyFile() != null) {
                    Path key = resolve(s.keyFile());
                    sb.append("    keyFile: ").append(key).append("   # ")
                            .append(Files.isReadable(key) ? "readable" : "NOT READABLE").append(", contents never shown\n");
                }
                if (s.keyId() != null) {
                    sb.append("    keyId: ").append(s.keyId()).append('\n');
                }
                if (s.telemetryKeyFile() != null) {
                    Path key = resolve(s.telemetryKeyFile());
                    sb.append("    telemetryKeyFile: ").append(key).append("   # ")
                            .append(Files.isReadable(key) ? "readable" : "NOT READABLE").append(", contents never shown\n");
                }
            });
        }
        if (profile.archive() != null) {
            sb.append("archive:\n");
            if (profile.archive().dir() != null) {
                sb.append("  dir: ").append(resolve(profile.archive().dir())).append('\n');
            }
            if (profile.archive().db() != null) {
                sb.append("  db: ").append(profile.archive().db().replaceAll("(://[^:@/?]*:)[^@/?]*@", "$1" + Secret.MASK + "@"))
                        .append('\n');
            }
            if (profile.archive().dbPassword() != null) {
                sb.append("  dbPassword: ").append(Secret.MASK).append("   # ").append(profile.archive().dbPassword().describe())
                        .append('\n');
            }
        }
        return sb.toString();
    }
}
