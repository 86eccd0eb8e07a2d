package io.sunsync.ground.profile;

/**
 * What the ground needs to command one satellite.
 *
 * @param keyFile file holding the satellite's telecommand key (see docs/security.md); never printed
 * @param keyId   id of that key on board ({@code kid}), or null to take it from the satellite's housekeeping
 */
public record SatelliteProfile(String keyFile, Integer keyId) {
    public SatelliteProfile {
        if (keyFile == null || keyFile.isBlank()) {
            throw new ProfileException(ProfileError.MISSING, "keyFile", "is required");
        }
        if (keyId != null && keyId < 0) {
            throw new ProfileException(ProfileError.INVALID, "keyId", "must be >= 0, was " + keyId);
        }
    }
}
