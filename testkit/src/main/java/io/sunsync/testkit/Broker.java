package io.sunsync.testkit;

/** A running MQTT broker on loopback. Closing it stops the broker and frees its port. */
public interface Broker extends AutoCloseable {

    /** The TCP port it listens on (plain MQTT). */
    int port();

    /** The broker URL for plain MQTT, e.g. {@code tcp://127.0.0.1:41234}. */
    default String url() {
        return "tcp://127.0.0.1:" + port();
    }

    @Override
    void close();
}
