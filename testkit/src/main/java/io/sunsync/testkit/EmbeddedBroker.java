package io.sunsync.testkit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * HiveMQ Community Edition running in this JVM, listening on a free loopback port, with its
 * config and data in a temporary folder that is deleted on close. MQTT 3.1.1 and 5.
 * Start takes about 2-3 s. Thread safe to close once.
 */
public final class EmbeddedBroker implements Broker {
    private static EmbeddedBroker shared;

    private final EmbeddedHiveMQ hivemq;
    private final Path home;
    private final int port;
    private volatile boolean isShared;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path home, int port) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
    }

    /**
     * One broker for the whole test JVM, started on first use and stopped when the JVM exits
     * (starting HiveMQ takes seconds; test classes that only need "a broker" share this one).
     * {@link #close()} on it does nothing. Tests sharing it must use their own topics and client ids.
     */
    public static synchronized EmbeddedBroker shared() {
        if (shared == null) {
            EmbeddedBroker b = start();
            b.isShared = true;
            Runtime.getRuntime().addShutdownHook(new Thread(b::stopNow, "embedded-hivemq-stop"));
            shared = b;
        }
        return shared;
    }

    /** Starts a broker on a free loopback port. */
    public static EmbeddedBroker start() {
        return start(FreePort.find());
    }

    /** Starts a broker on {@code port} (loopback only). */
    public static EmbeddedBroker start(int port) {
        try {
            Path home = Files.createTempDirectory("sunsync-hivemq-");
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>127.0.0.1</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <!-- A ground client must not lose telemetry drained in a burst after an outage. -->
                            <queued-messages>
                                <max-queue-size>1000000</max-queue-size>
                            </queued-messages>
                        </mqtt>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                    .build();
            try {
                hivemq.start().join();
            } catch (CompletionException e) {
                hivemq.close();
                TestFiles.deleteTree(home);
                throw new IllegalStateException("embedded HiveMQ did not start on port " + port, e.getCause());
            }
            return new EmbeddedBroker(hivemq, home, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folders", e);
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (!isShared) {
            stopNow();
        }
    }

    private void stopNow() {
        try {
            hivemq.stop().join();
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded HiveMQ did not stop cleanly", e);
        } finally {
            TestFiles.deleteTree(home);
        }
    }
}
