package io.sunsync.ground.console.live;

import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import java.time.Clock;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A subscription that outlives broker outages: it connects when it can (trying again with a
 * backoff doubling from 0.5 s to 10 s, also when the broker is down at start), subscribes again
 * after every reconnect (a broker that restarted has forgotten the subscriptions), and says
 * whether the broker is up and since when it is down, for the pages.
 *
 * <p>Threading: one consumer thread calls {@link #poll} and {@link #ack}; the state getters may be
 * read from any thread.
 */
public final class ReconnectingSubscription implements AutoCloseable {
    private final ConnectSettings settings;
    private final List<String> filters;
    private final Clock clock;
    private GroundConnection conn;
    private long seenReconnects;
    private long nextTryMs;
    private long backoffMs = 500;
    private volatile boolean up;
    private volatile long changedMs;
    private volatile String lastError = "";
    private volatile long outages;

    /**
     * @param settings how to connect (automatic reconnect is switched on)
     * @param filters  the topic filters to subscribe to
     */
    public ReconnectingSubscription(ConnectSettings settings, List<String> filters, Clock clock) {
        this.settings = settings.reconnecting();
        this.filters = List.copyOf(filters);
        this.clock = clock;
        this.changedMs = clock.millis();
    }

    /**
     * The next message, waiting up to {@code timeoutMs}; null if none came or the broker is
     * down (then it waits the same time before returning, so a caller's loop does not spin).
     */
    public GroundConnection.Received poll(long timeoutMs) throws InterruptedException {
        if (!ensure()) {
            Thread.sleep(timeoutMs); // the broker is down: wait out the poll interval before trying again
            return null;
        }
        return conn.poll(timeoutMs);
    }

    private boolean ensure() {
        long now = clock.millis();
        try {
            if (conn == null) {
                if (now < nextTryMs) {
                    return false;
                }
                conn = new GroundConnection(settings);
                conn.subscribe(filters);
                seenReconnects = conn.reconnects();
                backoffMs = 500;
            } else if (conn.reconnects() != seenReconnects && conn.isConnected()) {
                seenReconnects = conn.reconnects();
                conn.subscribe(filters);
            }
        } catch (MqttException e) {
            lastError = e.getMessage() == null ? "MQTT error " + e.getReasonCode() : e.getMessage();
            if (conn != null) {
                conn.close();
                conn = null;
            }
            nextTryMs = now + backoffMs;
            backoffMs = Math.min(backoffMs * 2, 10_000);
            mark(false, now);
            return false;
        }
        boolean connected = conn.isConnected();
        mark(connected, now);
        return true;
    }

    private void mark(boolean nowUp, long now) {
        if (nowUp != up) {
            up = nowUp;
            changedMs = now;
            if (!nowUp) {
                outages++;
            }
        }
    }

    /** Acknowledges {@code r} (manual acks only). */
    public void ack(GroundConnection.Received r) throws MqttException {
        if (conn != null) {
            conn.ack(r);
        }
    }

    /** True while connected to the broker. */
    public boolean up() {
        return up;
    }

    /** When the broker last came up or went down, epoch ms of the ground's clock. */
    public long changedMs() {
        return changedMs;
    }

    /** Why the last connection attempt failed ("" if none did). */
    public String lastError() {
        return lastError;
    }

    /** Times the broker went away. */
    public long outages() {
        return outages;
    }

    @Override
    public void close() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }
}
