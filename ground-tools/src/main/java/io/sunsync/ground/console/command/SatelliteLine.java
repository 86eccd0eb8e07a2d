package io.sunsync.ground.console.command;

import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The console's commanding line to one satellite: a {@link CommandSession} on a connection of
 * its own, used by one thread, so that the satellite's commands go out one at a time and each is
 * followed to its end. Opened when first needed, kept fresh (dictionary, housekeeping) while
 * open, closed after a while unused, and opened again after a lost connection.
 *
 * <p>Threading: everything touching the session runs on the line's own thread ({@link #run});
 * {@link #lastUseMs()} may be read from any thread.
 */
final class SatelliteLine implements AutoCloseable {
    private final String sat;
    private final Supplier<ConnectSettings> settings;
    private final Duration dictWait;
    private final Clock clock;
    private final ExecutorService thread;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final TelemetryKeys keys;
    private GroundConnection conn;
    private CommandSession session;
    private volatile long lastUseMs;

    /** @param keys the satellite's telemetry keys: each session checks what it reads with a verifier of its own */
    SatelliteLine(String sat, Supplier<ConnectSettings> settings, Duration dictWait, Clock clock, TelemetryKeys keys) {
        this.sat = sat;
        this.keys = keys;
        this.settings = settings;
        this.dictWait = dictWait;
        this.clock = clock;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "console-tc-" + sat);
            t.setDaemon(true);
            return t;
        });
        this.lastUseMs = clock.millis();
    }

    /** Runs {@code task} on the line's thread, after what was queued before it. */
    void run(Runnable task) {
        lastUseMs = clock.millis();
        thread.execute(task);
    }

    /** The session, opened (again) if needed and brought up to date. Line thread only. */
    CommandSession session() throws MqttException, InterruptedException {
        if (session == null || !conn.isConnected()) {
            closeConnection();
            conn = new GroundConnection(settings.get());
            session = CommandSession.open(conn, sat, dictWait, clock, keys);
        }
        session.drain();
        lastUseMs = clock.millis();
        return session;
    }

    /** Takes in what arrived meanwhile (keeps the queue short); closes the line if unused for {@code idle}. */
    void tend(Duration idle) {
        if (!drainQueued.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            drainQueued.set(false);
            try {
                if (session != null && clock.millis() - lastUseMs > idle.toMillis()) {
                    closeConnection();
                } else if (session != null) {
                    session.drain();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Drops the connection (after a failure); the next command opens a new one. Line thread only. */
    void closeConnection() {
        if (conn != null) {
            conn.close();
        }
        conn = null;
        session = null;
    }

    long lastUseMs() {
        return lastUseMs;
    }

    @Override
    public void close() {
        thread.execute(this::closeConnection);
        thread.shutdown();
    }
}
