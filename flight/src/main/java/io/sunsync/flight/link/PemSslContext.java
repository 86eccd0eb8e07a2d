package io.sunsync.flight.link;

import io.sunsync.hal.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the JDK's TLS socket factory from PEM files: a trust store holding only the configured
 * CA(s) (so the broker must present a certificate they signed) and, when configured, a key store
 * with our client certificate and key. TLS 1.2 or 1.3, as the JDK negotiates. Stateless.
 */
public final class PemSslContext {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemSslContext() {
    }

    /**
     * The socket factory for {@code tls}; errors name the config key ({@code caFile},
     * {@code certFile}, {@code keyFile}).
     */
    public static SSLSocketFactory socketFactory(TlsConfig tls) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            List<Certificate> cas = certificates(tls.caFile(), "caFile");
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (tls.certFile() != null) {
                List<Certificate> chain = certificates(tls.certFile(), "certFile");
                PrivateKey key = privateKey(tls.keyFile());
                KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
                keys.load(null, null);
                char[] none = new char[0];
                keys.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, none);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("tls", "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file, String key) {
        List<byte[]> blocks = blocks(file, key, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new ConfigException(key, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Certificate> out = new ArrayList<>();
            for (byte[] der : blocks) {
                Collection<? extends Certificate> c = cf.generateCertificates(new ByteArrayInputStream(der));
                out.addAll(c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(key, file + ": not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = read(file, "keyFile");
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new ConfigException("keyFile", file + " is not an unencrypted PKCS#8 key; convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem'");
        }
        List<byte[]> blocks = blocks(file, "keyFile", "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new ConfigException("keyFile", file + " must hold exactly one -----BEGIN PRIVATE KEY----- block");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.get(0));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm
            }
        }
        throw new ConfigException("keyFile", file + ": not an RSA, EC or Ed25519 private key");
    }

    private static List<byte[]> blocks(Path file, String key, String type) {
        String text = read(file, key);
        List<byte[]> out = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    out.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, file + ": bad base64 in a PEM block");
                }
            }
        }
        return out;
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
