package io.sunsync.ground.cli;

import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.mqtt.PemTls;
import io.sunsync.ground.profile.BrokerProfile;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.profile.ProfileError;
import io.sunsync.ground.profile.ProfileException;
import io.sunsync.ground.profile.Secret;
import io.sunsync.ground.profile.SecretRef;
import io.sunsync.ground.profile.TlsProfile;
import java.nio.file.Path;
import java.util.Map;
import javax.net.SocketFactory;
import picocli.CommandLine.Option;

/**
 * Broker connection flags; each overrides the profile. Precedence: flag, then
 * {@code $SUNSYNC_BROKER} (URL only), then the profile, then {@code tcp://127.0.0.1:1883}.
 */
public final class ConnectionOptions {
    @Option(names = {"-b", "--broker"}, paramLabel = "URL",
            description = "Broker URL, tcp://host:1883 or ssl://host:8883 (default: $SUNSYNC_BROKER, the profile, or tcp://127.0.0.1:1883).")
    String broker;

    @Option(names = {"-u", "--username"}, description = "MQTT username.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the MQTT password from the first line of FILE.")
    String passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the MQTT password from environment variable VAR.")
    String passwordEnv;

    @Option(names = "--ask-password", interactive = true, arity = "0", description = "Prompt for the MQTT password.")
    char[] askedPassword;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA bundle that signed the broker's certificate (TLS).")
    String caFile;

    @Option(names = "--cert-file", paramLabel = "PEM", description = "Client certificate (mutual TLS).")
    String certFile;

    @Option(names = "--key-file", paramLabel = "PEM", description = "Client certificate's PKCS#8 private key (mutual TLS).")
    String keyFile;

    /** The profile with these flags (and {@code $SUNSYNC_BROKER}) laid over it. */
    LoadedProfile apply(LoadedProfile loaded, Map<String, String> environ) {
        BrokerProfile b = loaded.profile().broker();
        String url = broker != null ? broker
                : environ.get("SUNSYNC_BROKER") != null && !environ.get("SUNSYNC_BROKER").isBlank()
                ? environ.get("SUNSYNC_BROKER") : b.url();
        String user = username != null ? username : b.username();
        SecretRef pw = passwordFile != null ? SecretRef.ofFile(Path.of(passwordFile).toAbsolutePath().toString())
                : passwordEnv != null ? SecretRef.ofEnv(passwordEnv) : b.password();
        TlsProfile tls = b.tls();
        if (caFile != null || certFile != null || keyFile != null) {
            String ca = caFile != null ? abs(caFile) : tls == null ? null : tls.caFile();
            String cert = certFile != null ? abs(certFile) : tls == null ? null : tls.certFile();
            String key = keyFile != null ? abs(keyFile) : tls == null ? null : tls.keyFile();
            try {
                tls = new TlsProfile(ca, cert, key);
            } catch (ProfileException e) {
                throw new ProfileException(e.code(), "--" + e.key().replace("File", "-file").toLowerCase(), e.reason());
            }
        }
        try {
            return loaded.with(loaded.profile().withBroker(new BrokerProfile(url, b.clientIdPrefix(), user, pw, tls)));
        } catch (ProfileException e) {
            throw new ProfileException(e.code(), "broker." + e.key(), e.reason());
        }
    }

    private static String abs(String p) {
        return p.startsWith("~") ? p : Path.of(p).toAbsolutePath().toString();
    }

    /**
     * Connection settings for this profile: a throw-away session with a random client id
     * ({@code prefix-purpose-xxxxxxxx}).
     */
    ConnectSettings settings(LoadedProfile p, Map<String, String> environ, String purpose) {
        BrokerProfile b = p.profile().broker();
        Secret password = askedPassword != null ? new Secret(askedPassword, "prompt") : p.password(environ);
        if (password != null && b.username() == null) {
            throw new ProfileException(ProfileError.MISSING, "broker.username", "a password needs a username");
        }
        SocketFactory sf = null;
        if (b.tls() != null) {
            TlsProfile t = b.tls();
            sf = PemTls.socketFactory(p.resolve(t.caFile()), t.certFile() == null ? null : p.resolve(t.certFile()),
                    t.keyFile() == null ? null : p.resolve(t.keyFile()));
        }
        String clientId = GroundConnection.randomClientId(b.clientIdPrefix() + "-" + purpose);
        return new ConnectSettings(b.url(), clientId, true, 0, b.username(), password, sf, false, false);
    }
}
