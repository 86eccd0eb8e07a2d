package io.sunsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away public key infrastructure for TLS tests, made with the {@code openssl} command
 * line tool (installed on CI by {@code .ci/run}): a CA, a server certificate for {@code localhost}
 * and {@code 127.0.0.1} signed by it, and client certificates on request. Keys are EC P-256 in
 * unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), certificates PEM, valid for two days.
 * Not thread safe.
 */
public final class TestPki {
    private final Path dir;
    private final String name;

    private TestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** The {@code openssl} executable, if installed. */
    public static Optional<Path> openssl() {
        return InstalledTool.firstOf("/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl");
    }

    /**
     * Makes a CA called {@code name} and a server certificate it signed, in {@code dir}.
     *
     * @throws IllegalStateException if openssl is missing or fails (tests never skip)
     */
    public static TestPki create(Path dir, String name) {
        TestPki pki = new TestPki(dir, name);
        try {
            Files.createDirectories(dir);
            pki.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", pki.file("ca.key"), "-out", pki.file("ca.pem"), "-days", "2",
                    "-subj", "/CN=" + name,
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
            pki.issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                    + "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n");
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test PKI to " + dir, e);
        }
    }

    /** The CA certificate (PEM). */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The server certificate (PEM), for {@code localhost} and {@code 127.0.0.1}. */
    public Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    /** The server's private key (PKCS#8 PEM). */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /**
     * A client certificate for {@code commonName} signed by this CA.
     *
     * @return its certificate and key files
     */
    public Pair client(String commonName) {
        try {
            issue("client-" + commonName, commonName,
                    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
            return new Pair(dir.resolve("client-" + commonName + ".pem"), dir.resolve("client-" + commonName + ".key"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A certificate and its key.
     *
     * @param certificate PEM certificate
     * @param key         PEM PKCS#8 private key
     */
    public record Pair(Path certificate, Path key) {
    }

    private void issue(String base, String cn, String extensions) throws IOException {
        Path ext = dir.resolve(base + ".ext");
        Files.writeString(ext, extensions);
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", file(base + ".key"), "-out", file(base + ".csr"), "-subj", "/CN=" + cn);
        run("x509", "-req", "-in", file(base + ".csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
                "-CAcreateserial", "-out", file(base + ".pem"), "-days", "2", "-extfile", ext.toString());
    }

    private String file(String f) {
        return dir.resolve(f).toString();
    }

    private void run(String... args) throws IOException {
        Path exe = openssl().orElseThrow(() -> new IllegalStateException(
                "openssl is not installed (TLS tests never skip): apt-get install -y openssl"));
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed for " + name + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
