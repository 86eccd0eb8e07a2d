package io.sunsync.ground.profile;

/**
 * TLS to the broker (for {@code ssl://} URLs): PEM files, as Mosquitto uses them.
 *
 * @param caFile   PEM CA bundle that signed the broker's certificate (required)
 * @param certFile PEM client certificate for mutual TLS, or null
 * @param keyFile  PEM PKCS#8 private key of the client certificate, or null
 */
public record TlsProfile(String caFile, String certFile, String keyFile) {
    public TlsProfile {
        if (caFile == null || caFile.isBlank()) {
            throw new ProfileException(ProfileError.MISSING, "caFile", "is required for TLS");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new ProfileException(ProfileError.MISSING, certFile == null ? "certFile" : "keyFile",
                    "a client certificate needs both certFile and keyFile");
        }
    }
}
