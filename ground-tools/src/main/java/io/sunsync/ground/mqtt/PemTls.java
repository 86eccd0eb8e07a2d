package io.sunsync.ground.mqtt;

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
 * Builds a TLS socket factory from PEM files as Mosquitto uses them: a CA bundle to trust
 * the broker, and optionally a client certificate and its PKCS#8 private key for mutual TLS;
 * and a server key store from a certificate and key in the same formats.
 * Stateless; thread safe.
 */
public final class PemTls {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemTls() {
    }

    /**
     * @param caFile   PEM certificates to trust (the broker's CA)
     * @param certFile PEM client certificate chain, or null
     * @param keyFile  PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of the client certificate, or null
     * @throws TlsSetupException naming the file that is wrong
     */
    public static SSLSocketFactory socketFactory(Path caFile, Path certFile, Path keyFile) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caFile)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (certFile != null || keyFile != null) {
                if (certFile == null || keyFile == null) {
                    throw new TlsSetupException(certFile == null ? "certFile" : "keyFile",
                            "a client certificate needs both certFile and keyFile");
                }
                Collection<? extends Certificate> chain = certificates(certFile);
                PrivateKey key = privateKey(keyFile);
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("client", key, none, chain.toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("tls", "cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * A key store holding one private key entry, {@code alias}, with its certificate chain, for
     * a server that serves TLS from PEM files (e.g. the web console). The entry's password is empty.
     *
     * @param certFile PEM certificate chain (the server's certificate first)
     * @param keyFile  its PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY})
     * @throws TlsSetupException naming the file that is wrong
     */
    public static KeyStore keyStore(Path certFile, Path keyFile, String alias) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, privateKey(keyFile), new char[0], certificates(certFile).toArray(Certificate[]::new));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(keyFile.toString(), "cannot hold the key and certificate: " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> certificates(Path file) {
        List<byte[]> ders = blocks(file, "CERTIFICATE");
        if (ders.isEmpty()) {
            throw new TlsSetupException(file.toString(), "no PEM certificate (BEGIN CERTIFICATE) in the file");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Certificate> out = new ArrayList<>();
            for (byte[] der : ders) {
                out.add(cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException(file.toString(), "not a valid certificate: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = read(file);
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                || text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new TlsSetupException(file.toString(), "the key must be unencrypted PKCS#8 (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        List<byte[]> ders = blocks(file, "PRIVATE KEY");
        if (ders.size() != 1) {
            throw new TlsSetupException(file.toString(), "expected one PEM private key (BEGIN PRIVATE KEY), found " + ders.size());
        }
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(ders.get(0)));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsSetupException(file.toString(), "not an RSA, EC or Ed25519 PKCS#8 private key");
    }

    private static List<byte[]> blocks(Path file, String type) {
        Matcher m = PEM.matcher(read(file));
        List<byte[]> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsSetupException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** TLS could not be set up; {@link #key()} names the file or setting that is wrong. */
    public static final class TlsSetupException extends RuntimeException {
        private final String key;

        /** @param key the file or setting at fault */
        public TlsSetupException(String key, String message) {
            super(key + ": " + message);
            this.key = key;
        }

        /** The file or setting at fault. */
        public String key() {
            return key;
        }
    }
}
