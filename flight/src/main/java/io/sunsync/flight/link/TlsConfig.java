package io.sunsync.flight.link;

import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;

/**
 * The {@code link.tls} section: how to verify the broker and, optionally, prove who we are, for an
 * {@code ssl://} broker URL. PEM files (what Mosquitto and {@code openssl} use); the JDK builds
 * its {@code SSLSocketFactory} from them ({@link PemSslContext}). Without this section an
 * {@code ssl://} broker is verified against the JDK's default trust store.
 *
 * @param caFile          PEM file with the CA certificate(s) the broker's certificate must chain
 *                        to (required)
 * @param certFile        PEM file with our client certificate (chain), or null for none
 * @param keyFile         PEM file with the client certificate's private key, unencrypted PKCS#8
 *                        ({@code BEGIN PRIVATE KEY}, RSA or EC); required with {@code certFile}
 * @param verifyHostname  check that the broker's certificate names the host we dial (default true)
 */
public record TlsConfig(Path caFile, Path certFile, Path keyFile, Boolean verifyHostname) {
    public TlsConfig {
        ConfigException.require(caFile, "caFile");
        if ((certFile == null) != (keyFile == null)) {
            throw new ConfigException(certFile == null ? "certFile" : "keyFile",
                    "certFile and keyFile go together (a client certificate needs its key)");
        }
        verifyHostname = verifyHostname == null ? Boolean.TRUE : verifyHostname;
    }

    /** This config with relative paths resolved against {@code base}. */
    public TlsConfig resolvedAgainst(Path base) {
        if (base == null) {
            return this;
        }
        return new TlsConfig(resolve(base, caFile), resolve(base, certFile), resolve(base, keyFile), verifyHostname);
    }

    private static Path resolve(Path base, Path p) {
        return p == null || p.isAbsolute() ? p : base.resolve(p);
    }
}
