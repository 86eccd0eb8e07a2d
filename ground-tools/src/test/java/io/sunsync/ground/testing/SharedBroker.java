package io.sunsync.ground.testing;

import io.sunsync.testkit.EmbeddedBroker;

/**
 * One embedded HiveMQ for every test class in this JVM (it takes seconds to start on a busy
 * machine), stopped when the JVM exits. Tests keep out of each other's way by satellite ids.
 */
public final class SharedBroker {
    private static EmbeddedBroker broker;

    private SharedBroker() {
    }

    /** The shared broker, started on first use. */
    public static synchronized EmbeddedBroker embedded() {
        if (broker == null) {
            broker = EmbeddedBroker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-broker-stop"));
        }
        return broker;
    }
}
