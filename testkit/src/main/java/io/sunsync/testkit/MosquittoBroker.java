package io.sunsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker as a child process, with a generated config on a free loopback port.
 * Optional password file (hashed with {@code mosquitto_passwd}), ACL, extra config lines (e.g.
 * TLS listeners) and on-disk persistence, so a test can stop the broker and start it again
 * ({@link #restart()}) with its queued messages intact.
 *
 * <p>Interop tests must not skip when Mosquitto is absent: {@link #start()} throws with the
 * install command instead. Not thread safe; one test owns one broker.
 */
public final class MosquittoBroker implements Broker {
    private final Builder builder;
    private final Path home;
    private final Path configFile;
    private Process process;

    private MosquittoBroker(Builder builder, Path home, Path configFile) {
        this.builder = builder;
        this.home = home;
        this.configFile = configFile;
    }

    /** A builder for a broker on a free port, anonymous access allowed, no persistence. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a plain anonymous broker on a free loopback port. */
    public static MosquittoBroker start() {
        return builder().start();
    }

    /** The {@code mosquitto} executable, if installed. */
    public static Optional<Path> executable() {
        return findOnPath("mosquitto", "/usr/sbin/mosquitto");
    }

    /** Finds a Mosquitto client tool ({@code mosquitto_sub}, {@code mosquitto_pub}, {@code mosquitto_passwd}). */
    public static Path tool(String name) {
        return findOnPath(name, "/usr/bin/" + name)
                .orElseThrow(() -> new IllegalStateException(name + " is not installed: apt-get install -y mosquitto mosquitto-clients"));
    }

    private static Optional<Path> findOnPath(String name, String fallback) {
        return InstalledTool.onPath(name).or(() -> InstalledTool.firstOf(fallback));
    }

    @Override
    public int port() {
        return builder.port;
    }

    /** The TLS listener's port; only with {@link Builder#tls}. */
    public int tlsPort() {
        if (builder.tlsPort == 0) {
            throw new IllegalStateException("this broker has no TLS listener");
        }
        return builder.tlsPort;
    }

    /** {@code ssl://localhost:PORT} of the TLS listener (the name its certificate carries). */
    public String tlsUrl() {
        return "ssl://localhost:" + tlsPort();
    }

    /** The folder holding the generated config, password file, ACL and persistence. */
    public Path home() {
        return home;
    }

    /** True while the broker process is alive. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The broker's log (its stdout and stderr, across restarts), in {@link #home()}. */
    public Path log() {
        return home.resolve("mosquitto.log");
    }

    /** Stops the broker process (SIGTERM, then SIGKILL), keeping its folder and persistence. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the broker again on the same port with the same config and persistence. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
        TestFiles.deleteTree(home);
    }

    private void launch() {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "mosquitto is not installed (interop tests never skip): apt-get install -y mosquitto mosquitto-clients"));
        try {
            ProcessBuilder pb = new ProcessBuilder(exe.toString(), "-c", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())); // kept across restarts
            process = pb.start();
            if (!FreePort.awaitListening(builder.port, Duration.ofSeconds(10))
                    || (builder.tlsPort != 0 && !FreePort.awaitListening(builder.tlsPort, Duration.ofSeconds(10)))) {
                String log = Files.readString(home.resolve("mosquitto.log"));
                stop();
                throw new IllegalStateException("mosquitto did not start listening on " + builder.port + ":\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mosquitto", e);
        }
    }

    /** Configures and starts a {@link MosquittoBroker}. */
    public static final class Builder {
        private int port = FreePort.find();
        private boolean persistence;
        private final Map<String, String> users = new LinkedHashMap<>();
        private String acl;
        private final List<String> extraLines = new ArrayList<>();
        private int tlsPort;
        private TestPki pki;
        private boolean requireClientCertificate;

        private Builder() {
        }

        /** Listens on {@code port} instead of a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Keeps sessions and queued messages on disk across {@link #restart()}. */
        public Builder persistence(boolean on) {
            this.persistence = on;
            return this;
        }

        /** Requires a username and password; adds this user (anonymous access is then refused). */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** Applies this ACL file text (Mosquitto's {@code acl_file} format). */
        public Builder acl(String aclText) {
            this.acl = aclText;
            return this;
        }

        /**
         * Adds a TLS listener on another free loopback port with {@code pki}'s server certificate
         * ({@link MosquittoBroker#tlsUrl()}); the plain listener stays. With
         * {@code requireClientCertificate} the broker refuses clients without a certificate signed
         * by the same CA.
         */
        public Builder tls(TestPki pki, boolean requireClientCertificate) {
            this.pki = pki;
            this.requireClientCertificate = requireClientCertificate;
            this.tlsPort = FreePort.find();
            return this;
        }

        /** Appends raw config lines (e.g. a TLS listener); {@code %h} is replaced with the broker's folder. */
        public Builder configLine(String line) {
            extraLines.add(line);
            return this;
        }

        /** Writes the config and starts the broker, waiting until it listens. */
        public MosquittoBroker start() {
            try {
                Path home = Files.createTempDirectory("sunsync-mosquitto-");
                StringBuilder conf = new StringBuilder();
                conf.append("per_listener_settings false\n");
                // Run as root (CI), mosquitto would drop to user 'mosquitto' and lose access to our temp folder.
                conf.append("user ").append(System.getProperty("user.name")).append('\n');
                conf.append("listener ").append(port).append(" 127.0.0.1\n");
                conf.append("log_dest stdout\n");
                conf.append("log_type error\nlog_type warning\nlog_type notice\n");
                conf.append("max_queued_messages 100000\n");
                if (persistence) {
                    conf.append("persistence true\npersistence_location ").append(home).append("/\n");
                    conf.append("autosave_interval 1\n");
                } else {
                    conf.append("persistence false\n");
                }
                if (users.isEmpty()) {
                    conf.append("allow_anonymous true\n");
                } else {
                    Path pw = home.resolve("passwords");
                    Files.writeString(pw, "");
                    for (Map.Entry<String, String> u : users.entrySet()) {
                        run(tool("mosquitto_passwd").toString(), "-b", pw.toString(), u.getKey(), u.getValue());
                    }
                    conf.append("allow_anonymous false\npassword_file ").append(pw).append('\n');
                }
                if (acl != null) {
                    Path aclFile = home.resolve("acl");
                    Files.writeString(aclFile, acl);
                    conf.append("acl_file ").append(aclFile).append('\n');
                }
                if (pki != null) {
                    conf.append("listener ").append(tlsPort).append(" 127.0.0.1\n");
                    conf.append("cafile ").append(pki.caCertificate()).append('\n');
                    conf.append("certfile ").append(pki.serverCertificate()).append('\n');
                    conf.append("keyfile ").append(pki.serverKey()).append('\n');
                    conf.append("require_certificate ").append(requireClientCertificate).append('\n');
                }
                for (String line : extraLines) {
                    conf.append(line.replace("%h", home.toString())).append('\n');
                }
                Path configFile = home.resolve("mosquitto.conf");
                Files.writeString(configFile, conf.toString());
                MosquittoBroker broker = new MosquittoBroker(this, home, configFile);
                broker.launch();
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare mosquitto's folder", e);
            }
        }

        private static void run(String... command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String out = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
