package io.sunsync.ground.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret is kept: a file (its first line) or an environment variable; exactly one.
 * The profile never holds the secret itself.
 *
 * @param file path of a file whose first line is the secret ({@code ~} and relative paths allowed)
 * @param env  name of an environment variable holding the secret
 */
public record SecretRef(String file, String env) {
    @JsonCreator
    public SecretRef(@JsonProperty("file") String file, @JsonProperty("env") String env) {
        boolean hasFile = file != null && !file.isBlank();
        boolean hasEnv = env != null && !env.isBlank();
        if (hasFile == hasEnv) {
            throw new ProfileException(hasFile ? ProfileError.INVALID : ProfileError.MISSING, "file",
                    "give exactly one of 'file' or 'env'");
        }
        this.file = hasFile ? file : null;
        this.env = hasEnv ? env : null;
    }

    /** A secret kept in {@code file}. */
    public static SecretRef ofFile(String file) {
        return new SecretRef(file, null);
    }

    /** A secret kept in the environment variable {@code env}. */
    public static SecretRef ofEnv(String env) {
        return new SecretRef(null, env);
    }

    /**
     * Reads the secret.
     *
     * @param key     dotted key of this reference, for errors
     * @param baseDir folder relative file paths are resolved against
     * @param environ the process environment
     */
    public Secret resolve(String key, Path baseDir, Map<String, String> environ) {
        if (env != null) {
            String v = environ.get(env);
            if (v == null || v.isEmpty()) {
                throw new ProfileException(ProfileError.SECRET_UNAVAILABLE, key + ".env",
                        "environment variable " + env + " is not set or empty");
            }
            return new Secret(v.toCharArray(), "env " + env);
        }
        Path p = ProfilePaths.resolve(file, baseDir);
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new ProfileException(ProfileError.SECRET_UNAVAILABLE, key + ".file", p + " is empty");
            }
            return new Secret(first.toCharArray(), "file " + p);
        } catch (IOException e) {
            throw new ProfileException(ProfileError.SECRET_UNAVAILABLE, key + ".file", "cannot read " + p
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Where the secret is kept, for display. */
    public String describe() {
        return env != null ? "env " + env : "file " + file;
    }
}
