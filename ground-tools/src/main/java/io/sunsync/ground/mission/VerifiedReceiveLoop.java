package io.sunsync.ground.mission;

import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryVerifier;

/**
 * The receive loop the rehearsal's ground sessions share ({@link TelemetryRecorder},
 * {@link ResultCollector}): polls the session (every 100 ms), acknowledges and drops a message that
 * fails telemetry authentication (the {@link TelemetryVerifier} counts it; it goes no further),
 * hands every other one to the owner's handler (which acknowledges it once it is stored), and
 * returns once asked to {@link #finish} and nothing came in the last poll. The exception that ended
 * it early is kept ({@link #failure}).
 *
 * <p>Threading: {@link #run()} on the owner's thread, the handler on it; {@link #finish},
 * {@link #quietS} and {@link #failure} from any thread.
 */
final class VerifiedReceiveLoop implements Runnable {
    /** What the owner does with an authenticated message. */
    interface Handler {
        void take(GroundConnection.Received message) throws Exception;
    }

    private final GroundConnection conn;
    private final TelemetryVerifier verifier;
    private final Handler handler;
    private volatile boolean finishing;
    private volatile long quietSinceNanos = -1;
    private volatile Throwable failure;

    VerifiedReceiveLoop(GroundConnection conn, TelemetryVerifier verifier, Handler handler) {
        this.conn = conn;
        this.verifier = verifier;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            while (true) {
                GroundConnection.Received r = conn.poll(100);
                if (r == null) {
                    if (quietSinceNanos < 0) {
                        quietSinceNanos = System.nanoTime();
                    }
                    if (finishing) {
                        return;
                    }
                    continue;
                }
                quietSinceNanos = -1;
                if (verifier.check(r).verdict().refused()) {
                    conn.ack(r); // not the satellite's: counted by the verifier, goes no further
                    continue;
                }
                handler.take(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Asks {@link #run()} to return once nothing has come for a moment. */
    void finish() {
        finishing = true;
    }

    /** Wall-clock seconds since the last message (0 while messages flow). */
    double quietS() {
        long q = quietSinceNanos;
        return q < 0 ? 0 : (System.nanoTime() - q) / 1e9;
    }

    /** What stopped {@link #run()} early, or null. */
    Throwable failure() {
        return failure;
    }
}
