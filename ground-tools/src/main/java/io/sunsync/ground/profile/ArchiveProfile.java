package io.sunsync.ground.profile;

/**
 * Where the telemetry archive lives, for {@code archive}, {@code plot} and {@code events --since}.
 *
 * @param dir the archive's root folder
 */
public record ArchiveProfile(String dir) {
    public ArchiveProfile {
        if (dir == null || dir.isBlank()) {
            throw new ProfileException(ProfileError.MISSING, "dir", "is required");
        }
    }
}
