package io.sunsync.ground.profile;

/**
 * What the ground needs to command one satellite and to trust its telemetry.
 *
 * @param keyFile          file holding the satellite's telecommand keys (see docs/security.md); never
 *                         printed; null for a satellite the station only watches
 * @param keyId            id of that key on board ({@code kid}), or null to take it from the satellite's housekeeping
 * @param telemetryKeyFile file holding the satellite's telemetry keys (the same format, other keys): its
 *                         telemetry is shown only when its MAC verifies under one of them; never printed
 */
public record SatelliteProfile(String keyFile, Integer keyId, String telemetryKeyFile) {
    public SatelliteProfile {
        if ((keyFile == null || keyFile.isBlank()) && (telemetryKeyFile == null || telemetryKeyFile.isBlank())) {
            throw new ProfileException(ProfileError.MISSING, "keyFile", "is required (or telemetryKeyFile, for a "
                    + "satellite this station only watches)");
        }
        if (keyFile != null && keyFile.isBlank()) {
            throw new ProfileException(ProfileError.INVALID, "keyFile", "is empty");
        }
        if (telemetryKeyFile != null && telemetryKeyFile.isBlank()) {
            throw new ProfileException(ProfileError.INVALID, "telemetryKeyFile", "is empty");
        }
        if (keyId != null && keyId < 0) {
            throw new ProfileException(ProfileError.INVALID, "keyId", "must be >= 0, was " + keyId);
        }
    }

    /** Command keys only (no telemetry key). */
    public SatelliteProfile(String keyFile, Integer keyId) {
        this(keyFile, keyId, null);
    }
}
