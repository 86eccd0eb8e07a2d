package io.sunsync.ground.mission;

import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The ground station's recorder for the rehearsal: a persistent MQTT session (so nothing is lost
 * while it is busy) subscribed to the satellite's housekeeping, events, presence, command reports
 * and dictionary; each message passes telemetry authentication ({@link TelemetryVerifier}: a
 * refused one is counted there and goes no further), then is written to the archive before it is acknowledged to the
 * broker, counted in the {@link StreamLedger}, and passed on to the {@link LiveView} and the
 * {@link JobBook}.
 *
 * <p>Threading: {@link #run()} on its own thread, which owns the connection and the archive;
 * {@link #finish()} and the counters from any thread.
 */
public final class TelemetryRecorder implements Runnable, AutoCloseable {
    private final String sat;
    private final GroundConnection conn;
    private final Archive archive;
    private final StreamLedger ledger;
    private final LiveView live;
    private final JobBook jobs;
    private final Consumer<EventRecord> onEvent;
    private final AtomicLong events = new AtomicLong();
    private final VerifiedReceiveLoop loop;

    private TelemetryRecorder(String sat, GroundConnection conn, Archive archive, StreamLedger ledger, LiveView live,
                              JobBook jobs, Consumer<EventRecord> onEvent, TelemetryVerifier verifier) {
        this.sat = sat;
        this.conn = conn;
        this.archive = archive;
        this.ledger = ledger;
        this.live = live;
        this.jobs = jobs;
        this.onEvent = onEvent;
        this.loop = new VerifiedReceiveLoop(conn, verifier, this::receive);
    }

    /**
     * Connects and subscribes; nothing is read until {@link #run()}.
     *
     * @param onEvent  told of every event after it is archived (on the recorder thread; must not block)
     * @param verifier judges each message first: one that fails telemetry authentication is counted and dropped
     */
    public static TelemetryRecorder open(String brokerUrl, String sat, Path archiveDir, StreamLedger ledger,
                                         LiveView live, JobBook jobs, Consumer<EventRecord> onEvent,
                                         TelemetryVerifier verifier) throws MissionException {
        try {
            GroundConnection conn = new GroundConnection(
                    ConnectSettings.transientSession(brokerUrl, "ground-archive").persistent(86_400));
            conn.subscribe("sunsync/" + sat + "/tm/hk", "sunsync/" + sat + "/evt", "sunsync/" + sat + "/birth",
                    "sunsync/" + sat + "/tc/ack/#", "sunsync/" + sat + "/dict");
            Archive archive = new Archive(ArchiveSettings.defaults(archiveDir, "ground"), Clock.systemUTC());
            return new TelemetryRecorder(sat, conn, archive, ledger, live, jobs, onEvent, verifier);
        } catch (Exception e) {
            throw new MissionException(MissionError.GROUND_SESSION, "the ground recorder cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void run() {
        loop.run();
    }

    private void receive(GroundConnection.Received r) throws Exception {
        archive.accept(r);
        conn.ack(r);
        if (!r.retained()) {
            ledger.record(r.userProperties());
        }
        dispatch(r);
    }

    private void dispatch(GroundConnection.Received r) {
        switch (r.subtopic()) {
            case "tm/hk" -> {
                if (!r.retained()) {
                    live.onHousekeeping(r.json());
                }
            }
            case "birth" -> live.onPresence(r.json().path("state").asText("unknown"));
            case "evt" -> {
                try {
                    EventRecord e = EventRecord.parse(sat, r.json());
                    events.incrementAndGet();
                    jobs.accept(e);
                    onEvent.accept(e);
                } catch (IllegalArgumentException bad) {
                    // not an ICD event: archived as received, nothing more to do with it
                }
            }
            default -> {
                // command reports and the dictionary are archived only
            }
        }
    }

    /** Asks {@link #run()} to return once nothing has come for a moment. */
    public void finish() {
        loop.finish();
    }

    /** Wall-clock seconds since the last message (0 while messages flow). */
    public double quietS() {
        return loop.quietS();
    }

    /** Records stored in the archive. */
    public long stored() {
        return archive.stored();
    }

    /** Events seen. */
    public long events() {
        return events.get();
    }

    /** Redelivered copies the archive dropped. */
    public long duplicates() {
        return archive.duplicates();
    }

    /** What stopped {@link #run()} early, or null. */
    public Throwable failure() {
        return loop.failure();
    }

    @Override
    public void close() throws IOException {
        conn.close();
        archive.close();
    }
}
