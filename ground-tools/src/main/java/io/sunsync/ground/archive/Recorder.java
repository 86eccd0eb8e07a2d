package io.sunsync.ground.archive;

import io.sunsync.ground.mqtt.GroundConnection;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The archive's consumer loop: takes each message off the connection's queue, stores it (or
 * drops it as a duplicate), and only then acknowledges it to the broker, so a crash between
 * receiving and storing loses nothing (the broker redelivers to the persistent session).
 *
 * <p>Threading: {@link #run} runs on the calling thread, which owns the archive; {@code stop}
 * may be flipped from any thread.
 */
public final class Recorder {
    private final GroundConnection connection;
    private final Archive archive;

    /** @param connection a connection made with manual acks; @param archive where to store */
    public Recorder(GroundConnection connection, Archive archive) {
        this.connection = connection;
        this.archive = archive;
    }

    /**
     * Runs until {@code stop} says so or {@code maxStored} records were stored.
     *
     * @param maxStored stop after this many stored records (Long.MAX_VALUE: no limit)
     * @param onTick    called about every 100 ms of quiet or after each message (progress reports); may be null
     */
    public void run(BooleanSupplier stop, long maxStored, Runnable onTick) throws IOException, InterruptedException,
            MqttException {
        while (!stop.getAsBoolean() && archive.stored() < maxStored) {
            GroundConnection.Received r = connection.poll(100);
            if (r != null) {
                archive.accept(r);
                connection.ack(r);
            }
            if (onTick != null) {
                onTick.run();
            }
        }
    }
}
