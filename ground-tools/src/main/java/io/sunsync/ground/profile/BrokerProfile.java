package io.sunsync.ground.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The broker to talk to and how to log in.
 *
 * @param url            {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientIdPrefix prefix of this process's MQTT client ids (default {@code ground})
 * @param username       MQTT username, or null for anonymous
 * @param password       where the password is kept, or null
 * @param tls            TLS settings (required for {@code ssl://}), or null
 */
public record BrokerProfile(String url, String clientIdPrefix, String username, SecretRef password, TlsProfile tls) {
    /** The broker a profile-less ground tool talks to. */
    public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
    private static final Set<String> SCHEMES = Set.of("tcp", "ssl", "mqtt", "mqtts");

    public BrokerProfile {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
        clientIdPrefix = clientIdPrefix == null || clientIdPrefix.isBlank() ? "ground" : clientIdPrefix;
        if (!clientIdPrefix.matches("[A-Za-z0-9_.-]{1,40}")) {
            throw new ProfileException(ProfileError.INVALID, "clientIdPrefix",
                    "'" + clientIdPrefix + "' must be 1-40 letters, digits, '_', '.' or '-'");
        }
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || !SCHEMES.contains(u.getScheme()) || u.getHost() == null) {
                throw new ProfileException(ProfileError.INVALID, "url",
                        "'" + url + "' is not a broker URL like tcp://host:1883 or ssl://host:8883");
            }
        } catch (URISyntaxException e) {
            throw new ProfileException(ProfileError.INVALID, "url", "'" + url + "' is not a URL");
        }
        if (isTls(url) && tls == null) {
            throw new ProfileException(ProfileError.MISSING, "tls", "an ssl:// broker needs tls.caFile");
        }
        if (password != null && username == null) {
            throw new ProfileException(ProfileError.MISSING, "username", "a password needs a username");
        }
    }

    /** True for {@code ssl://} and {@code mqtts://} URLs. */
    public static boolean isTls(String url) {
        return url.startsWith("ssl://") || url.startsWith("mqtts://");
    }
}
